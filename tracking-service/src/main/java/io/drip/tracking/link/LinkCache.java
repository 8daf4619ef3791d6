package io.drip.tracking.link;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recent links in memory, so that a redirect normally touches neither PostgreSQL nor Kafka.
 * Bounded by size; a miss loads from PostgreSQL. A registration never changes (the first one
 * wins), so an entry is never stale. "Not found" is kept apart, briefly, by the redirect's
 * {@code unknown.UnknownCodeCache}, which a registration ends.
 */
@ApplicationScoped
public class LinkCache {

    @Inject
    Pool pool;

    @Inject
    Links links;

    @ConfigProperty(name = "drip.tracking.link-cache-size")
    long size;

    @ConfigProperty(name = "drip.tracking.link-cache-idle")
    Duration idle;

    private Cache<String, Link> cache;

    @PostConstruct
    void create() {
        cache = Caffeine.newBuilder().maximumSize(size).expireAfterAccess(idle).build();
    }

    /** The link if it is in memory, else null: the redirect's fast path, with no allocation. */
    public Link cached(String code) {
        return cache.getIfPresent(code);
    }

    public Uni<Optional<Link>> find(String code) {
        Link link = cache.getIfPresent(code);
        if (link != null) {
            return Uni.createFrom().item(Optional.of(link));
        }
        return links.find(pool, code).invoke(found -> found.ifPresent(this::put));
    }

    public void put(Link link) {
        cache.put(link.code(), link);
    }

    /** Drops the contact's links (it was erased): they load again, under their pseudonym. */
    public void forget(String contactId) {
        cache.asMap().values().removeIf(link -> contactId.equals(link.contactId()));
    }
}
