package org.c360.app.ui.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EvidenceTest {
    @Test
    void stepsRunFromThePriorToTheWeight() {
        Evidence evidence = Evidence.parse("prior -10.63; first name: exact (+7.76); last name: exact (+6.78); dob: differs (-1.50)");
        assertEquals(List.of("prior", "first name: exact", "last name: exact", "dob: differs"),
                evidence.steps().stream().map(Evidence.Step::label).toList());
        assertEquals(-10.63, evidence.steps().getFirst().to(), 1e-9);
        assertEquals(-2.87, evidence.steps().get(1).to(), 1e-9);
        assertEquals(evidence.steps().get(2).to(), evidence.steps().get(3).from(), 1e-9);
        assertEquals(2.41, evidence.total(), 1e-9);
    }

    @Test
    void nothingToShowWithoutEvidence() {
        assertEquals(0, Evidence.parse(null).steps().size());
        assertEquals(0, Evidence.parse("").steps().size());
    }
}
