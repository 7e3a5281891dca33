package dev.authplatform.common.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FormTextTest {

    private static UnacceptableInput check(String form) {
        return FormText.firstUnacceptable(form.getBytes(StandardCharsets.ISO_8859_1), UnacceptableInput.Part.FORM);
    }

    @Test
    void anEscapedNulOrLineBreakIsRefusedUnderItsParameterName() {
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, "client_id"), check("grant_type=x&client_id=%00x"));
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, "grant_type"), check("grant_type=a%0Ab"));
    }

    @Test
    void aControlCharacterInAParameterNameIsRefusedToo() {
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, "a\u0001"), check("a%01=x"));
    }

    @Test
    void escapedBytesThatAreNotUtf8AreRefused() {
        assertEquals("x", check("x=%C0%80").name()); // an overlong NUL
        assertEquals("x", check("x=%ED%A0%80").name()); // a surrogate's three bytes
        assertEquals("x", check("x=%FF").name());
    }

    @Test
    void aBrokenPercentEscapeMakesTheWholeFormUnreadable() {
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, null), check("a=%zz"));
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, null), check("a=%"));
        assertEquals(new UnacceptableInput(UnacceptableInput.Part.FORM, null), check("%4=x"));
    }

    @Test
    void ordinaryFormsPass() {
        assertNull(check("grant_type=client_credentials&scope=a+b&redirect_uri=https%3A%2F%2Fapp%2Fcb&name=Zo%C3%AB&empty=&flag"));
        assertNull(check(""));
        assertNull(check("a=1&&b=2"));
    }
}
