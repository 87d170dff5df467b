package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesAndNumbers() {
        String nasty = "a \"quoted\" \\ path\nwith\ttabs and \u0001";
        String lit = Json.string(nasty);
        assertEquals(nasty, MiniJson.parse(lit));
        assertEquals("null", Json.number(Double.NaN));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY));
        assertEquals(1.5e-13, (Double) MiniJson.parse(Json.number(1.5e-13)));
        assertNotNull(MiniJson.parse(Json.number(0.25)));
    }

    @Test
    void nullStringIsJsonNull() {
        assertEquals("null", Json.string(null));
        assertEquals("\"null\"", Json.string("null"));
    }
}
