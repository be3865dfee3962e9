package dev.surge.junit;

import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signatures a module shows its users, read by reflection: for each public type of each
 * package the module exports to everyone, its supertypes and type parameters, and the fields,
 * constructors and methods a user can reach (public ones, inherited ones included, and protected
 * ones of a type that can be subclassed) with their parameter, return, thrown and generic types.
 * Packages exported only to named modules are not API and are not read.
 * <pre>{@code
 * @Test
 * void noNettyTypeInTheApi() {
 *     ExportedApi.of(Server.class.getModule()).assertFreeOf("io.netty.");
 * }
 * }</pre>
 * The module must be on the module path, where {@code ./surge test} runs every module's tests;
 * its own classes are read, not test classes patched into it.
 */
public final class ExportedApi {
    private final String name;
    private final List<Class<?>> types;

    private ExportedApi(String name, List<Class<?>> types) {
        this.name = name;
        this.types = types;
    }

    /** The API of {@code module}: its public types in the packages it exports to everyone. */
    public static ExportedApi of(Module module) {
        if (!module.isNamed()) {
            throw new IllegalArgumentException("the class path is no module, so it has no exported API: run the"
                    + " test on the module path (surefire does for a module with a module-info.java)");
        }
        ModuleDescriptor descriptor = module.getDescriptor();
        Set<String> exported = descriptor.exports().stream()
                .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        List<Class<?>> types = new ArrayList<>();
        for (String className : classesOf(module)) {
            int dot = className.lastIndexOf('.');
            if (dot > 0 && exported.contains(className.substring(0, dot))) {
                Class<?> type = load(module, className);
                if (isApi(type)) {
                    types.add(type);
                }
            }
        }
        return new ExportedApi("module " + module.getName(), List.copyOf(types));
    }

    /** The API of the given types alone, as if each were public in an exported package. */
    public static ExportedApi ofTypes(Class<?>... types) {
        return new ExportedApi(Arrays.toString(types), List.of(types));
    }

    /** The types read, each a public type (or a public or protected one nested in one). */
    public List<Class<?>> types() {
        return types;
    }

    /**
     * Each mention of a type whose name starts with {@code prefix} (e.g. {@code "io.netty."}):
     * the type, and the signature that mentions it.
     */
    public List<String> mentionsOf(String prefix) {
        Set<String> found = new LinkedHashSet<>();
        for (Class<?> type : types) {
            List<Type> declared = new ArrayList<>(List.of(type.getGenericInterfaces()));
            declared.add(type.getGenericSuperclass());
            declared.addAll(List.of(type.getTypeParameters()));
            note(found, prefix, declared, type.toGenericString());
            for (Field field : reachableFields(type)) {
                note(found, prefix, List.of(field.getGenericType()), field.toGenericString());
            }
            for (Executable code : reachableCode(type)) {
                List<Type> signature = new ArrayList<>(List.of(code.getGenericParameterTypes()));
                signature.addAll(List.of(code.getGenericExceptionTypes()));
                signature.addAll(List.of(code.getTypeParameters()));
                if (code instanceof Method method) {
                    signature.add(method.getGenericReturnType());
                }
                note(found, prefix, signature, code.toGenericString());
            }
        }
        return List.copyOf(found);
    }

    /** Fails, listing every mention, if a signature mentions a type whose name starts with {@code prefix}. */
    public void assertFreeOf(String prefix) {
        List<String> mentions = mentionsOf(prefix);
        if (!mentions.isEmpty()) {
            throw new AssertionFailedError("the API of " + name + " mentions " + prefix + "* types; put a type of the"
                    + " module's own in their place, or move the type to a package the module does not export:\n  "
                    + String.join("\n  ", mentions));
        }
    }

    private static List<String> classesOf(Module module) {
        // The module's own location, read afresh: the layer's reference also lists patched-in test classes.
        ResolvedModule resolved = module.getLayer().configuration().findModule(module.getName()).orElseThrow();
        Path location = Path.of(resolved.reference().location().orElseThrow());
        ModuleReference own = ModuleFinder.of(location).find(module.getName()).orElseThrow(() ->
                new IllegalStateException("no module " + module.getName() + " at " + location));
        try (ModuleReader reader = own.open()) {
            return reader.list()
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of module " + module.getName() + " at " + location, e);
        }
    }

    private static Class<?> load(Module module, String className) {
        try {
            return Class.forName(className, false, module.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("module " + module.getName() + " lists " + className + " but cannot load it", e);
        }
    }

    /** A public top-level type, or a public or protected member type of such a type. */
    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        int modifiers = type.getModifiers();
        Class<?> outer = type.getEnclosingClass();
        return outer == null ? Modifier.isPublic(modifiers)
                : (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && isApi(outer);
    }

    private static boolean subclassable(Class<?> type) {
        return !Modifier.isFinal(type.getModifiers()) && !type.isSealed() && !type.isInterface();
    }

    private static List<Field> reachableFields(Class<?> type) {
        Set<Field> fields = new LinkedHashSet<>(List.of(type.getFields()));
        for (Class<?> c = type; c != null && subclassable(type); c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields()).filter(f -> Modifier.isProtected(f.getModifiers())).forEach(fields::add);
        }
        return fields.stream().filter(f -> !f.isSynthetic()).toList();
    }

    private static List<Executable> reachableCode(Class<?> type) {
        Set<Executable> code = new LinkedHashSet<>(List.of(type.getMethods()));
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            int modifiers = constructor.getModifiers();
            if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers) && subclassable(type)) {
                code.add(constructor);
            }
        }
        for (Class<?> c = type; c != null && subclassable(type); c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isProtected(m.getModifiers())).forEach(code::add);
        }
        return code.stream()
                // Bridges stay: javac makes one in a public class for each public method it inherits
                // from a class users cannot see, and that method is theirs to call.
                .filter(e -> !e.isSynthetic() || e instanceof Method m && m.isBridge())
                .filter(e -> e.getDeclaringClass() != Object.class)
                .toList();
    }

    private static void note(Set<String> found, String prefix, List<Type> types, String where) {
        Set<String> named = new LinkedHashSet<>();
        Set<Type> seen = new HashSet<>();
        for (Type t : types) {
            names(t, named, seen);
        }
        for (String typeName : named) {
            if (typeName.startsWith(prefix)) {
                found.add(typeName + " in " + where);
            }
        }
    }

    /** The names of the classes {@code type} is made of: itself, its type arguments, bounds and components. */
    private static void names(Type type, Set<String> into, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        switch (type) {
            case Class<?> c when c.isArray() -> names(c.getComponentType(), into, seen);
            case Class<?> c -> into.add(c.getName());
            case ParameterizedType p -> {
                names(p.getRawType(), into, seen);
                names(p.getOwnerType(), into, seen);
                for (Type argument : p.getActualTypeArguments()) {
                    names(argument, into, seen);
                }
            }
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) {
                    names(bound, into, seen);
                }
                for (Type bound : w.getLowerBounds()) {
                    names(bound, into, seen);
                }
            }
            case TypeVariable<? extends GenericDeclaration> v -> {
                for (Type bound : v.getBounds()) {
                    names(bound, into, seen);
                }
            }
            case GenericArrayType a -> names(a.getGenericComponentType(), into, seen);
            default -> into.add(type.getTypeName());
        }
    }

    @Override
    public String toString() {
        return "the API of " + name + ": " + types.size() + " types";
    }
}
