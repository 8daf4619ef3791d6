package io.drip.contact.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfmSegmentsTest {

    @ParameterizedTest
    @CsvSource({"5,5,champions", "4,4,champions", "3,5,loyal", "4,3,loyal", "3,3,loyal", "5,1,new_customers",
            "4,1,promising", "5,2,potential_loyalists", "3,2,about_to_sleep", "3,1,about_to_sleep", "2,5,cant_lose",
            "1,4,at_risk", "2,3,at_risk", "2,2,hibernating", "1,1,hibernating"})
    void namesTheUsualSegmentsFromRecencyAndFrequency(int recency, int frequency, String name) {
        assertEquals(name, RfmSegments.name(recency, frequency));
    }
}
