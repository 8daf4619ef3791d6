package io.drip.contact.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contact.consent.Keywords.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordsTest {
    private static final Keywords KEYWORDS = Keywords.of(Map.of(
            Action.OPT_OUT, List.of("STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "TD", "T", "退订", "取消"),
            Action.OPT_OUT_ALL, List.of("STOPALL"),
            Action.OPT_IN, List.of("START", "UNSTOP", "YES"),
            Action.CONFIRM, List.of("Y"),
            Action.HELP, List.of("HELP")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STOP|OPT_OUT", "stop|OPT_OUT", "  Stop. |OPT_OUT", "ＳＴＯＰ|OPT_OUT", "Unsubscribe|OPT_OUT", "cancel|OPT_OUT",
            "END|OPT_OUT", "quit!|OPT_OUT", "td|OPT_OUT", "T|OPT_OUT", "ｔｄ|OPT_OUT", "退订|OPT_OUT", " 取消 |OPT_OUT",
            "退订。|OPT_OUT", "STOPALL|OPT_OUT_ALL", "stopall|OPT_OUT_ALL", "START|OPT_IN", "unstop|OPT_IN",
            "Yes|OPT_IN", "y|CONFIRM", "Ｙ|CONFIRM", "help?|HELP", "HELP|HELP"})
    void recognisesEveryKeywordWhateverItsCaseWidthAndSurroundings(String text, Action action) {
        assertEquals(action, KEYWORDS.recognise(text).orElseThrow().action(), text);
    }

    @Test
    void aSentenceOrAnotherWordIsNoKeyword() {
        for (String text : new String[] {"please stop", "STOP IT", "stopping", "Thanks!", "", "  ", "S T O P"}) {
            assertTrue(KEYWORDS.recognise(text).isEmpty(), text);
        }
        assertTrue(KEYWORDS.recognise(null).isEmpty());
    }

    @Test
    void theMatchCarriesTheNormalisedKeyword() {
        assertEquals("STOP", KEYWORDS.recognise(" ｓｔｏｐ ").orElseThrow().keyword());
    }

    @Test
    void aWordInTwoListsIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> Keywords.of(Map.of(
                Action.OPT_OUT, List.of("STOP"), Action.OPT_IN, List.of("stop"))));
    }
}
