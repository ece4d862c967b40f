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
package org.rewardcollapse.io;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.PropertySheet;
import com.oracle.labs.mlrg.olcut.config.property.ListProperty;
import com.oracle.labs.mlrg.olcut.config.property.MapProperty;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;

import java.io.File;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An allow-list of the components a recorded configuration (a model's featuriser, a run's data source and trainer) may
 * rebuild, checked on the configuration data <em>before</em> OLCUT instantiates anything (OLCUT runs a component's
 * {@code postConfig} when it is looked up, before it checks that the component fits the field that names it, so a
 * check after the lookup would come too late: a data source in a tokenizer's slot would already have read its file).
 * <p>
 * Every component must be one of the known classes; its settings must be {@code @Config} fields of that class, each
 * value at most {@value #MAX_VALUE_CHARS} characters (lists and maps at most {@value #MAX_ENTRIES} entries, no class
 * lists); a setting that names a file ({@code Path}, {@code File}, {@code URL} or {@code URI}) is refused unless it is
 * one of the allowed path settings, which the caller checks (a data file against its recorded SHA-256, an encoder's
 * directory against its recorded hash).
 */
public final class KnownComponents {
    /** The longest setting value accepted. */
    public static final int MAX_VALUE_CHARS = 4096;
    /** The most entries of a list or map setting, and the most components. */
    public static final int MAX_ENTRIES = 10_000;

    private final Set<String> classes;
    private final Set<String> pathSettings;

    /**
     * An allow-list.
     * @param classes The classes that may be rebuilt, by name.
     * @param pathSettings The settings that may name a file, as {@code className#field}.
     */
    public KnownComponents(Collection<String> classes, Collection<String> pathSettings) {
        this.classes = Set.copyOf(classes);
        this.pathSettings = Set.copyOf(pathSettings);
    }

    /**
     * This allow-list and another together.
     * @param other The other.
     * @return Both.
     */
    public KnownComponents and(KnownComponents other) {
        Set<String> allClasses = new HashSet<>(classes);
        allClasses.addAll(other.classes);
        Set<String> allPaths = new HashSet<>(pathSettings);
        allPaths.addAll(other.pathSettings);
        return new KnownComponents(allClasses, allPaths);
    }

    /**
     * Does the allow-list hold a class?
     * @param className The class name.
     * @return True if it may be rebuilt.
     */
    public boolean knows(String className) {
        return classes.contains(className);
    }

    /**
     * Refuses a configuration that holds anything but known components with bounded, file-free settings.
     * @param configuration The configuration data, before anything is instantiated.
     * @param what What it describes, for the message (e.g. {@code the model's featuriser}).
     * @throws IllegalArgumentException In one line naming the component, its class and the setting.
     */
    public void check(List<ConfigurationData> configuration, String what) {
        if (configuration.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(what + " has " + configuration.size() + " components; refusing it");
        }
        Set<String> names = configuration.stream().map(ConfigurationData::getName).collect(Collectors.toSet());
        for (ConfigurationData data : configuration) {
            String component = what + ", component '" + data.getName() + "'";
            if (!classes.contains(data.getClassName())) {
                throw new IllegalArgumentException(component + " is a " + data.getClassName() + ", which is not one of "
                        + "the parts this project rebuilds from a recording; refusing it before anything is made");
            }
            if (data.getSerializedForm() != null || data.getEntriesName() != null) {
                throw new IllegalArgumentException(component + " is read from another file; refusing it");
            }
            Class<?> type = classOf(data.getClassName(), component);
            for (var setting : data.getProperties().entrySet()) {
                checkSetting(type, setting.getKey(), setting.getValue(), names, component);
            }
        }
    }

    @SuppressWarnings("unchecked") // checked by isAssignableFrom
    private void checkSetting(Class<?> type, String name, Property value, Set<String> components, String component) {
        Field field = null;
        if (Configurable.class.isAssignableFrom(type)) {
            for (Field f : PropertySheet.getAllFields((Class<? extends Configurable>) type)) {
                if (f.getName().equals(name) && f.getAnnotation(Config.class) != null) {
                    field = f;
                }
            }
        }
        String where = component + ", setting '" + name + "'";
        if (field == null) {
            throw new IllegalArgumentException(where + " is not a setting of " + type.getName() + "; refusing it");
        }
        Class<?> fieldType = field.getType();
        boolean names = fieldType == Path.class || fieldType == File.class || fieldType == URL.class
                || fieldType == URI.class;
        if (names && !pathSettings.contains(type.getName() + "#" + name)
                && !pathSettings.contains(field.getDeclaringClass().getName() + "#" + name)) {
            throw new IllegalArgumentException(where + " names a file, which a recording may not do here; refusing it");
        }
        if (value instanceof SimpleProperty simple) {
            requireBounded(simple.getValue(), where);
            if (Configurable.class.isAssignableFrom(fieldType) && !components.contains(simple.getValue())) {
                throw new IllegalArgumentException(where + " names '" + shorten(simple.getValue())
                        + "', which is not a component of the recording; refusing it");
            }
        } else if (value instanceof ListProperty list) {
            if (!list.getClassList().isEmpty() || list.getSimpleList().size() > MAX_ENTRIES) {
                throw new IllegalArgumentException(where + " is a list of classes or of more than " + MAX_ENTRIES
                        + " entries; refusing it");
            }
            list.getSimpleList().forEach(item -> requireBounded(item.getValue(), where));
        } else if (value instanceof MapProperty map) {
            if (map.getMap().size() > MAX_ENTRIES) {
                throw new IllegalArgumentException(where + " has more than " + MAX_ENTRIES + " entries; refusing it");
            }
            map.getMap().forEach((key, item) -> {
                requireBounded(key, where);
                requireBounded(item.getValue(), where);
            });
        } else {
            throw new IllegalArgumentException(where + " is of an unknown kind; refusing it");
        }
    }

    private static void requireBounded(String value, String where) {
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException(where + " is " + value.length() + " characters long (at most "
                    + MAX_VALUE_CHARS + "); refusing it");
        }
    }

    /** The class, loaded without running its static initialiser. */
    private static Class<?> classOf(String name, String component) {
        try {
            return Class.forName(name, false, KnownComponents.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(component + ": the class " + name + " is not on the class path", e);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
