package dev.shipshape.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectDiffTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectDiff diff = new ObjectDiff();

    private JsonNode tree(String text) throws Exception {
        return json.readTree(text.replace('\'', '"'));
    }

    private String patch(String source, String target) throws Exception {
        return json.writeValueAsString(ObjectDiff.toJsonPatch(diff.diff(tree(source), tree(target)))).replace('"', '\'');
    }

    @Test
    void equalTreesHaveNoOperations() throws Exception {
        assertEquals(List.of(), diff.diff(tree("{'a':{'b':[1,2]}}"), tree("{'a':{'b':[1,2]}}")));
    }

    @Test
    void fieldsAreAddedReplacedAndRemovedInSourceThenTargetOrder() throws Exception {
        assertEquals("[{'op':'replace','path':'/spec/replicas','value':3},"
                        + "{'op':'remove','path':'/spec/paused'},"
                        + "{'op':'add','path':'/spec/minReadySeconds','value':10}]",
                patch("{'spec':{'replicas':2,'paused':false}}", "{'spec':{'replicas':3,'minReadySeconds':10}}"));
    }

    @Test
    void pathsEscapeSlashAndTildeAsRfc6901Says() throws Exception {
        assertEquals("[{'op':'add','path':'/metadata/annotations/example.com~1owner~0team','value':'payments'}]",
                patch("{'metadata':{'annotations':{}}}", "{'metadata':{'annotations':{'example.com/owner~team':'payments'}}}"));
    }

    @Test
    void listsOfNamedElementsInTheSameOrderAreDiffedElementWise() throws Exception {
        assertEquals("[{'op':'replace','path':'/containers/1/image','value':'b:2'}]",
                patch("{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}",
                        "{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:2'}]}"));
    }

    @Test
    void listsOfAnotherLengthOrOrderOrWithoutNamesAreReplacedWhole() throws Exception {
        assertEquals("[{'op':'replace','path':'/env','value':[{'name':'A'},{'name':'B'}]}]",
                patch("{'env':[{'name':'A'}]}", "{'env':[{'name':'A'},{'name':'B'}]}"));
        assertEquals("[{'op':'replace','path':'/env','value':[{'name':'B','value':'1'},{'name':'A'}]}]",
                patch("{'env':[{'name':'A'},{'name':'B'}]}", "{'env':[{'name':'B','value':'1'},{'name':'A'}]}"));
        assertEquals("[{'op':'replace','path':'/rules','value':[{'host':'b'}]}]",
                patch("{'rules':[{'host':'a'}]}", "{'rules':[{'host':'b'}]}"));
        assertEquals("[{'op':'replace','path':'/args','value':['--port','9090']}]",
                patch("{'args':['--port','8080']}", "{'args':['--port','9090']}"));
    }

    @Test
    void aTypeChangeIsAReplace() throws Exception {
        assertEquals("[{'op':'replace','path':'/port','value':'http'}]", patch("{'port':8080}", "{'port':'http'}"));
        assertEquals("[{'op':'replace','path':'','value':[1]}]", patch("{'a':1}", "[1]"));
    }

    @Test
    void operationsRequireAValueExceptRemove() {
        assertThrows(IllegalArgumentException.class, () -> new ObjectDiff.Operation(ObjectDiff.Op.ADD,
                com.fasterxml.jackson.core.JsonPointer.compile("/a"), null));
    }
}
