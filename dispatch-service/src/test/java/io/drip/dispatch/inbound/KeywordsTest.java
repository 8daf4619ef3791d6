package io.drip.dispatch.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeywordsTest {

    @Test
    void recognisesTheKeywordAsTheWholeMessageOrItsFirstWordInAnyCase() {
        assertEquals(Optional.of("STOP"), Keywords.of(" stop "));
        assertEquals(Optional.of("STOP"), Keywords.of("Stop!"));
        assertEquals(Optional.of("STOP"), Keywords.of("STOP sending me these"));
        assertEquals(Optional.of("TD"), Keywords.of("td"));
        assertEquals(Optional.of("退订"), Keywords.of("退订"));
        assertEquals(Optional.of("UNSUBSCRIBE"), Keywords.of("Unsubscribe."));
        assertEquals(Optional.of("HELP"), Keywords.of("help"));
    }

    @Test
    void otherTextHasNoKeyword() {
        assertEquals(Optional.empty(), Keywords.of("Where is my order?"));
        assertEquals(Optional.empty(), Keywords.of("please don't stop"));
        assertEquals(Optional.empty(), Keywords.of(""));
        assertEquals(Optional.empty(), Keywords.of(null));
    }
}
