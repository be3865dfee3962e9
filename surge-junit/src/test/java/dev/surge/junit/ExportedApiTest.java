package dev.surge.junit;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCounted;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ExportedApi finds a Netty type in every place a signature can hold one, and nowhere else. */
class ExportedApiTest {

    public static class Field {
        public ByteBuf buffer;
    }

    public static class Parameter {
        public void write(ByteBuf buffer) {
        }
    }

    public static class Returned {
        public ByteBuf read() {
            return null;
        }
    }

    public static class TypeArgument {
        public Map<String, List<? extends ReferenceCounted>> held() {
            return Map.of();
        }
    }

    public static class Thrown {
        public void release() throws IllegalReferenceCountException {
        }
    }

    public static class Supertype extends ResourceLeakDetector<Object> {
        public Supertype() {
            super(Object.class, 1);
        }
    }

    public interface Interface extends ReferenceCounted {
    }

    public static class Bound<T extends ByteBuf> {
    }

    public static class MethodBound {
        public <T extends ByteBuf> void take(T buffer) {
        }
    }

    public static class ArrayOfGeneric {
        public Supplier<ByteBuf>[] suppliers() {
            return null;
        }
    }

    public static class Protected {
        protected void write(ByteBuf buffer) {
        }
    }

    static class Hidden {
        public ByteBuf read() {
            return null;
        }
    }

    /** Public methods of a superclass users cannot see are still theirs to call. */
    public static class Inherited extends Hidden {
    }

    public static class Outer {
        public static class Nested {
            public ByteBuf read() {
                return null;
            }
        }
    }

    public static class Clean {
        public String name;

        public List<String> names() {
            return List.of();
        }

        void packagePrivate(ByteBuf buffer) {
        }

        private ByteBuf privateOne() {
            return null;
        }
    }

    public static final class ProtectedOfFinal {
        @SuppressWarnings("unused") // protected in a final class: no user can reach it
        protected void write(ByteBuf buffer) {
        }
    }

    @Test
    void eachPlaceASignatureCanMentionAnotherTypeIsRead() {
        Map<Class<?>, String> expected = Map.ofEntries(
                Map.entry(Field.class, "io.netty.buffer.ByteBuf in public io.netty.buffer.ByteBuf " + Field.class.getName() + ".buffer"),
                Map.entry(Parameter.class, "io.netty.buffer.ByteBuf in public void " + Parameter.class.getName() + ".write(io.netty.buffer.ByteBuf)"),
                Map.entry(Returned.class, "io.netty.buffer.ByteBuf in public io.netty.buffer.ByteBuf " + Returned.class.getName() + ".read()"),
                Map.entry(TypeArgument.class, "io.netty.util.ReferenceCounted in public java.util.Map<java.lang.String, "
                        + "java.util.List<? extends io.netty.util.ReferenceCounted>> " + TypeArgument.class.getName() + ".held()"),
                Map.entry(Thrown.class, "io.netty.util.IllegalReferenceCountException in public void " + Thrown.class.getName()
                        + ".release() throws io.netty.util.IllegalReferenceCountException"),
                Map.entry(Supertype.class, "io.netty.util.ResourceLeakDetector in public static class " + Supertype.class.getName()),
                Map.entry(Interface.class, "io.netty.util.ReferenceCounted in public abstract static interface " + Interface.class.getName()),
                Map.entry(Bound.class, "io.netty.buffer.ByteBuf in public static class " + Bound.class.getName() + "<T extends io.netty.buffer.ByteBuf>"),
                Map.entry(MethodBound.class, "io.netty.buffer.ByteBuf in public <T extends io.netty.buffer.ByteBuf> void " + MethodBound.class.getName() + ".take(T)"),
                Map.entry(ArrayOfGeneric.class, "io.netty.buffer.ByteBuf in public java.util.function.Supplier<io.netty.buffer.ByteBuf>[] "
                        + ArrayOfGeneric.class.getName() + ".suppliers()"),
                Map.entry(Protected.class, "io.netty.buffer.ByteBuf in protected void " + Protected.class.getName() + ".write(io.netty.buffer.ByteBuf)"),
                Map.entry(Inherited.class, "io.netty.buffer.ByteBuf in public io.netty.buffer.ByteBuf " + Inherited.class.getName() + ".read()"),
                Map.entry(Outer.Nested.class, "io.netty.buffer.ByteBuf in public io.netty.buffer.ByteBuf " + Outer.Nested.class.getName() + ".read()"));
        expected.forEach((type, mention) ->
                assertTrue(ExportedApi.ofTypes(type).mentionsOf("io.netty.").contains(mention),
                        type.getSimpleName() + ": " + ExportedApi.ofTypes(type).mentionsOf("io.netty.")));
    }

    @Test
    void membersNoUserCanReachAreNotRead() {
        assertEquals(List.of(), ExportedApi.ofTypes(Clean.class, ProtectedOfFinal.class).mentionsOf("io.netty."));
    }

    @Test
    void aFailureListsEveryMentionAndSaysWhatToDo() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ExportedApi.ofTypes(Parameter.class, Returned.class, Clean.class).assertFreeOf("io.netty."));
        String message = failure.getMessage();
        assertTrue(message.contains(Parameter.class.getName() + ".write(io.netty.buffer.ByteBuf)"), message);
        assertTrue(message.contains(Returned.class.getName() + ".read()"), message);
        assertFalse(message.contains(Clean.class.getName() + "."), message);
        assertTrue(message.contains("a package the module does not export"), message);
    }

    /** TrackingLeakDetector extends Netty's detector, but its package is exported to Netty alone. */
    @Test
    void thisModulesApiMentionsNoNettyType() {
        ExportedApi api = ExportedApi.of(LeakCheck.class.getModule());
        assertTrue(api.types().contains(LeakCheck.class), api.types().toString());
        assertTrue(api.types().stream().noneMatch(t -> t.getPackageName().equals("dev.surge.junit.leak")), api.types().toString());
        assertTrue(api.types().stream().noneMatch(t -> t.getName().endsWith("Test")), "no test classes: " + api.types());
        api.assertFreeOf("io.netty.");
    }

    @Test
    void theClassPathHasNoApiToRead() {
        Module unnamed = ClassLoader.getSystemClassLoader().getUnnamedModule();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ExportedApi.of(unnamed));
        assertTrue(refused.getMessage().contains("module path"), refused.getMessage());
    }
}
