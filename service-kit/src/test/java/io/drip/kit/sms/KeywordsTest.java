package io.drip.kit.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drip.contracts.InboundSms.Action;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drip's one table of what real replies mean, with the default keyword lists. */
class KeywordsTest {
    private static final Keywords KEYWORDS = new Keywords(new SmallRyeConfigBuilder()
            .withMapping(Keywords.Config.class).build().getConfigMapping(Keywords.Config.class));

    @ParameterizedTest(name = "\"{0}\" is {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // English, as carriers require it
            "STOP|STOP|OPT_OUT", "stop|STOP|OPT_OUT", "  Stop. |STOP|OPT_OUT", "Stop!|STOP|OPT_OUT",
            "STOP please|STOP|OPT_OUT", "Stop sending me these|STOP|OPT_OUT", "STOP, thanks|STOP|OPT_OUT",
            "Unsubscribe.|UNSUBSCRIBE|OPT_OUT", "cancel|CANCEL|OPT_OUT", "END|END|OPT_OUT", "quit!|QUIT|OPT_OUT",
            "STOPALL|STOPALL|OPT_OUT_ALL", "stopall please|STOPALL|OPT_OUT_ALL",
            "START|START|OPT_IN", "unstop|UNSTOP|OPT_IN", "Yes|YES|OPT_IN", "y|Y|CONFIRM",
            "help?|HELP|HELP", "HELP|HELP|HELP", "info|INFO|HELP",
            // full-width forms, as some phones type them
            "ＳＴＯＰ|STOP|OPT_OUT", "ｔｄ|TD|OPT_OUT", "Ｙ|Y|CONFIRM",
            // Chinese: 退订 (unsubscribe), 取消 (cancel), TD as the footer 回TD退订 asks
            "TD|TD|OPT_OUT", "td|TD|OPT_OUT", "T|T|OPT_OUT", "退订|退订|OPT_OUT", "退订。|退订|OPT_OUT",
            " 取消 |取消|OPT_OUT", "退订 谢谢|退订|OPT_OUT",
            // French and Dutch replies with the English keyword first
            "Stop merci|STOP|OPT_OUT", "stop aub|STOP|OPT_OUT",
            // no keyword: the keyword not first, other words, or a longer word
            "please stop|-|-", "Please don't stop|-|-", "stopping|-|-", "Where is my order?|-|-",
            "Yes I'll be there|-|-", "Help me with my order|-|-", "Y not|-|-", "T shirt size?|-|-",
            "S T O P|-|-", "回复退订|-|-", "Thanks!|-|-", "|-|-", "  |-|-"})
    void recognisesWhatARealReplyMeans(String text, String keyword, Action action) {
        Optional<Keywords.Match> expected = keyword == null ? Optional.empty() : Optional.of(new Keywords.Match(keyword, action));
        assertEquals(expected, KEYWORDS.recognise(text == null ? "" : text), text);
    }

    @ParameterizedTest(name = "the first word of \"{0}\" is {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"1|1", "1.|1", " 2 please|2", "２|2", "Dresses!|DRESSES",
            "shoes, size 38|SHOES", "退订 谢谢|退订", "''|''", "'  '|''", "-|''"})
    void theFirstWordIsNormalisedAsKeywordsAre(String text, String word) {
        assertEquals(word, Keywords.firstWord(text));
    }

    @Test
    void noTextIsNoKeyword() {
        assertEquals(Optional.empty(), KEYWORDS.recognise(null));
    }

    @Test
    void aWordInTwoListsIsAConfigurationError() {
        var config = new SmallRyeConfigBuilder().withMapping(Keywords.Config.class)
                .withSources(new PropertiesConfigSource(Map.of("drip.keywords.opt-in", "START,stop"), "test", 500)).build()
                .getConfigMapping(Keywords.Config.class);
        assertThrows(IllegalArgumentException.class, () -> new Keywords(config));
    }
}
