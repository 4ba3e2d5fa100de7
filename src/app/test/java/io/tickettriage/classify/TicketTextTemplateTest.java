package io.tickettriage.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TicketTextTemplateTest {

    @Test
    void placeholdersAreFilledOnceAndTextThatLooksLikeOneIsLeftAsTyped() {
        TicketTextTemplate template = new TicketTextTemplate("Subject: {subject}\n\n{body} ({subject})");

        assertEquals("Subject: see {body}\n\nA $1 \\ refund ({body}) (see {body})",
                template.render("see {body}", "A $1 \\ refund ({body})"));
        assertEquals("Subject: \n\n ()", template.render("", ""));
        assertEquals("{body}", new TicketTextTemplate("{body}").render("s", "{body}"));
    }

    @Test
    void aTemplateWithoutPlaceholdersIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TicketTextTemplate("{title}"));
        assertEquals("text template '{title}' uses neither {subject} nor {body}, so every ticket would look the same "
                + "to the model", refused.getMessage());
    }

    @Test
    void equalWhenTheTemplateIs() {
        assertEquals(new TicketTextTemplate("{subject}\n{body}"), new TicketTextTemplate("{subject}\n{body}"));
    }
}
