package dev.pipelog.ui.common;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.util.Callback;

/**
 * Builds FXML controllers by constructor injection: each constructor parameter is filled with the
 * first registered service assignable to its type ({@link UiServices}, {@link Navigator},
 * {@link DemoDataLoader}, ...). Controllers therefore never reach for static state, and a test can
 * build any view with the services it chooses. Not thread-safe; used on the FX thread.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final List<Object> services;

    public ControllerFactory(Object... services) {
        this.services = List.of(services);
    }

    /** A factory that also offers {@code more}, e.g. the navigator once the main window exists. */
    public ControllerFactory with(Object... more) {
        List<Object> all = new ArrayList<>(services);
        all.addAll(List.of(more));
        return new ControllerFactory(all.toArray());
    }

    @Override
    public Object call(Class<?> type) {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " must have exactly one public constructor");
        }
        Constructor<?> constructor = constructors[0];
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            args[i] = find(types[i], type);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("could not build " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + type.getName(), e);
        }
    }

    /** The registered service of this type. */
    public <T> T get(Class<T> type) {
        return type.cast(find(type, ControllerFactory.class));
    }

    private Object find(Class<?> wanted, Class<?> forController) {
        Objects.requireNonNull(wanted);
        if (wanted == ControllerFactory.class) {
            return this; // the shell loads the views it hosts with the same services
        }
        return services.stream()
                .filter(wanted::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        forController.getSimpleName() + " needs a " + wanted.getSimpleName() + ", which nobody registered"));
    }
}
