package io.drip.tracking.click;

/** Why a click is not counted as a person's; stored with the click. */
public final class BotReason {
    /** A search engine's, SEO tool's, monitor's or archive's crawler. */
    public static final String CRAWLER = "crawler";
    /** A messaging app or social network fetching a link preview. */
    public static final String LINK_PREVIEW = "link_preview";
    /** An AI assistant fetching a page for its user (ChatGPT-User, Claude-User) or an AI crawler (GPTBot). */
    public static final String AI_AGENT = "ai_agent";
    /** An HTTP library, headless browser or security scanner, not a person's browser. */
    public static final String AUTOMATION = "automation";
    public static final String NO_USER_AGENT = "no_user_agent";
    public static final String HEAD_REQUEST = "head_request";
    /** {@code Purpose: prefetch}, {@code Sec-Purpose: prefetch} and the like. */
    public static final String PREFETCH = "prefetch";
    /** Clicked sooner after delivery than a person can read a message and tap. */
    public static final String TOO_SOON_AFTER_DELIVERY = "too_soon_after_delivery";

    private BotReason() {
    }
}
