/*
 * Copyright (c) 2026 The tribuo-rewardcollapse authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.rewardcollapse.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the two endpoints' bodies: both native layouts, OpenRLHF's body of every version (query alone, with prompts
 * and labels of any type, empty lists), and every way a body can be wrong, each a 400 or 413 whose message names the
 * place.
 */
class TestRequestBodies {
    private final RequestBodies bodies = new RequestBodies(3, 20);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNativeBodyIsABareArrayOrAnItemsObjectAndOtherKeysAreIgnored() throws BadRequestException {
        List<TextPair> expected = List.of(new TextPair("p", "r"), new TextPair("", "\u00e9t\u00e9"));
        assertEquals(expected, bodies.readPairs(bytes("[{\"prompt\":\"p\",\"response\":\"r\",\"id\":7},"
                + "{\"response\":\"\\u00e9t\\u00e9\",\"prompt\":\"\"}]")));
        assertEquals(expected, bodies.readPairs(bytes("{\"model\":\"x\",\"items\":[{\"prompt\":\"p\",\"response\":\"r\"},"
                + "{\"prompt\":\"\",\"response\":\"\u00e9t\u00e9\"}]}")));
        assertEquals(List.of(), bodies.readPairs(bytes("[]")));
    }

    @Test
    void openRlhfSendsQueryAloneOrWithPromptsAndLabelsOfAnyType() throws BadRequestException {
        RequestBodies.OpenRlhfBody alone = bodies.readOpenRlhf(bytes("{\"query\":[\"a\",\"b\"]}"));
        assertEquals(List.of("a", "b"), alone.queries());
        assertNull(alone.prompts());
        RequestBodies.OpenRlhfBody full = bodies.readOpenRlhf(bytes("{\"query\":[\"pa\",\"qb\"],\"prompts\":[\"p\",\"q\"],"
                + "\"labels\":[{\"answer\":[1,2]},\"\"]}"));
        assertEquals(List.of("p", "q"), full.prompts());
        RequestBodies.OpenRlhfBody empty = bodies.readOpenRlhf(bytes("{\"query\":[],\"prompts\":[],\"labels\":[]}"));
        assertTrue(empty.queries().isEmpty());
        assertNull(bodies.readOpenRlhf(bytes("{\"query\":[\"a\"],\"prompts\":null,\"labels\":null}")).prompts());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "pairs    | not JSON                 | hello                                        | 400 | invalid JSON",
            "pairs    | truncated                | [{\"prompt\":\"p\"                           | 400 | invalid JSON",
            "pairs    | empty body               | ``                                           | 400 | empty body",
            "pairs    | only whitespace          | `   `                                        | 400 | empty body",
            "pairs    | an object without items  | {\"pairs\":[]}                               | 400 | missing \"items\"",
            "pairs    | a string                 | \"text\"                                     | 400 | found a string",
            "pairs    | an item not an object    | [[\"p\",\"r\"]]                              | 400 | item 0: expected",
            "pairs    | a number for a text      | [{\"prompt\":\"p\",\"response\":3}]          | 400 | item 0, \"response\" must be a string, found a number",
            "pairs    | null for a text          | [{\"prompt\":null,\"response\":\"r\"}]       | 400 | item 0, \"prompt\" must be a string, found null",
            "pairs    | a missing response       | [{\"prompt\":\"p\"}]                         | 400 | item 0: missing \"response\"",
            "pairs    | a duplicate key          | [{\"prompt\":\"p\",\"prompt\":\"q\",\"response\":\"r\"}] | 400 | Duplicate field",
            "pairs    | content after the value  | [] []                                        | 400 | unexpected content",
            "pairs    | too many items           | [{\"prompt\":\"\",\"response\":\"\"},{\"prompt\":\"\",\"response\":\"\"},{\"prompt\":\"\",\"response\":\"\"},{\"prompt\":\"\",\"response\":\"\"}] | 413 | more than 3 items",
            "pairs    | a text over the limit    | [{\"prompt\":\"\",\"response\":\"123456789012345678901\"}] | 413 | item 0, \"response\" has 21 characters; the limit is 20",
            "openrlhf | an array                 | [\"a\"]                                      | 400 | expected an object with a \"query\" array",
            "openrlhf | no query                 | {\"prompts\":[\"a\"]}                        | 400 | missing \"query\"",
            "openrlhf | a query string           | {\"query\":\"a\"}                            | 400 | \"query\" must be an array of strings, found a string",
            "openrlhf | a number in the queries  | {\"query\":[\"a\",1]}                        | 400 | \"query\"[1] must be a string, found a number",
            "openrlhf | prompts not an array     | {\"query\":[\"a\"],\"prompts\":{}}           | 400 | \"prompts\" must be an array",
            "openrlhf | prompts of another size  | {\"query\":[\"a\",\"b\"],\"prompts\":[\"a\"]} | 400 | \"prompts\" has 1 entries but \"query\" has 2",
            "openrlhf | too many queries         | {\"query\":[\"a\",\"b\",\"c\",\"d\"]}        | 413 | more than 3 items",
            "openrlhf | a query over the limit   | {\"query\":[\"123456789012345678901\"]}      | 413 | \"query\"[0] has 21 characters"
    })
    void aBadBodyIsRefusedWithItsPlace(String reader, String what, String body, int status, String fragment) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> {
            if (reader.equals("pairs")) {
                bodies.readPairs(bytes(body));
            } else {
                bodies.readOpenRlhf(bytes(body));
            }
        }, what);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
