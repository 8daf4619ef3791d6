package io.drip.kit.consume;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The value deserializer of every consumed topic: Drip's topics carry UTF-8 JSON, and Kafka's
 * StringDeserializer turns bytes that are not UTF-8 into U+FFFD without a word, so a text with
 * a broken encoding was applied as if it were one. This one decodes strictly; a value that is not
 * UTF-8 is still handed on (decoded with U+FFFD, so the DLQ gets the record as near as a string
 * can hold it) with a {@value #HEADER} header saying where it broke, and {@link RecordBatches}
 * sends such a record to the DLQ with that reason.
 */
public class Utf8Values implements Deserializer<String> {
    public static final String HEADER = "drip-not-utf8";

    @Override
    public String deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public String deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
            return out.flip().toString();
        }
        if (headers != null) {
            headers.add(HEADER, ("the value is not UTF-8: malformed byte sequence at byte " + in.position())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Why the record's value was not UTF-8; empty when it was. */
    public static Optional<String> problem(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader(HEADER))
                .map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8));
    }
}
