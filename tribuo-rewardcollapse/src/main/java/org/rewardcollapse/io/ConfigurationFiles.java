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

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertySheet;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

/**
 * Reads and writes OLCUT configuration files safely.
 * <p>
 * OLCUT 5.3.1 parses XML with the JDK's default SAX parser, which resolves external entities, and it can read a
 * component from a Java-serialized file. A configuration is therefore checked with a locked-down parser before
 * OLCUT sees it: a DOCTYPE (the only way to declare an entity), a {@code serialized} component or object, and
 * includes of other files are refused. Every component must be a class of this project or of Tribuo. Relative
 * {@code Path} and {@code File} settings are resolved against the configuration file's folder, not the working
 * directory, so a configuration means the same wherever it is run from; written configurations hold absolute paths.
 */
public final class ConfigurationFiles {
    /** The packages whose classes a configuration (or a recorded provenance) may instantiate. */
    public static final List<String> TRUSTED_PACKAGES = List.of("org.rewardcollapse.", "org.tribuo.");

    /**
     * Classes that moved package after runs had recorded them: a model's provenance and a run's configuration name
     * the class that built each component, and a recorded name is read as the class's name today.
     */
    private static final Map<String, String> MOVED = movedClasses();

    private ConfigurationFiles() {}

    private static Map<String, String> movedClasses() {
        Map<String, String> moved = new HashMap<>();
        for (String source : List.of("RankedJsonlSource", "OasstTreeSource", "PairwiseJsonlSource", "LetorSource",
                "TextRankingSource", "JsonlRankingSource", "RankingDataSource")) {
            moved.put("org.rewardcollapse.data." + source, "org.rewardcollapse.data.source." + source);
        }
        moved.put("org.rewardcollapse.data.SyntheticRankingSource",
                "org.rewardcollapse.data.synthetic.SyntheticRankingSource");
        moved.put("org.rewardcollapse.data.ResponseFeaturizer", "org.rewardcollapse.data.features.ResponseFeaturizer");
        return Map.copyOf(moved);
    }

    /**
     * The name a recorded class has today (a class that moved package is read under its new name).
     * @param recorded The class name as recorded.
     * @return Its current name.
     */
    public static String currentClassName(String recorded) {
        return MOVED.getOrDefault(recorded, recorded);
    }

    /**
     * The configuration recorded in an object's provenance, ready to rebuild the object: classes that moved are named
     * as they are today, and only trusted classes are accepted.
     * @param provenance The provenance of a configured object.
     * @param what What it describes, for messages (e.g. {@code the recorded featuriser}).
     * @return The configuration; the object itself is its first component.
     * @throws IllegalArgumentException If a component names an untrusted class or a Java-serialized object.
     */
    public static List<ConfigurationData> fromProvenance(ObjectProvenance provenance, String what) {
        List<ConfigurationData> configuration = new ArrayList<>();
        for (ConfigurationData data : ProvenanceUtil.extractConfiguration(provenance)) {
            String current = currentClassName(data.getClassName());
            configuration.add(current.equals(data.getClassName()) ? data
                    : new ConfigurationData(data.getName(), current, data.getProperties()));
        }
        requireTrusted(configuration, what);
        return configuration;
    }

    /**
     * Loads a configuration file (OLCUT XML, or JSON when OLCUT's {@code JsonConfigFactory} is registered).
     * @param file The file.
     * @return The configuration, with relative paths resolved against the file's folder; nothing is instantiated yet.
     * @throws IllegalArgumentException If the file is missing, of another format, unsafe or invalid, naming it.
     */
    public static ConfigurationManager load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such configuration file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".xml")) {
            throw new IllegalArgumentException(file + ": a configuration file is OLCUT XML (.xml) or JSON (.json)");
        }
        if (json && ConfigurationManager.getFileFormatFactory("json") == null) {
            throw new IllegalArgumentException(file + ": JSON configurations need OLCUT's JsonConfigFactory; call "
                    + "ConfigurationManager.addFileFormatFactory(new JsonConfigFactory()) first (the command line does)");
        }
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (json) {
                checkJson(absolute);
            } else {
                checkXml(absolute);
            }
            ConfigurationManager manager = new ConfigurationManager(absolute.toUri().toURL());
            for (String component : List.copyOf(manager.getComponentNames())) {
                ConfigurationData data = manager.getConfigurationData(component).orElseThrow();
                String current = currentClassName(data.getClassName());
                if (!current.equals(data.getClassName())) {
                    manager.removeConfigurable(component);
                    data = new ConfigurationData(component, current, data.getProperties());
                    manager.addConfiguration(data);
                }
                requireTrusted(data, "component '" + component + "'");
                resolveRelativePaths(manager, data, absolute.getParent());
            }
            return manager;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + AtomicFiles.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": invalid configuration (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses configuration data that would instantiate a class outside {@link #TRUSTED_PACKAGES} or read a
     * Java-serialized object.
     * @param configuration The configuration data (from a file or from a recorded provenance).
     * @param what What it describes, for the message.
     * @throws IllegalArgumentException Naming the class.
     */
    public static void requireTrusted(Collection<ConfigurationData> configuration, String what) {
        configuration.forEach(data -> requireTrusted(data, what + ", component '" + data.getName() + "'"));
    }

    private static void requireTrusted(ConfigurationData data, String what) {
        if (TRUSTED_PACKAGES.stream().noneMatch(data.getClassName()::startsWith)) {
            throw new IllegalArgumentException(what + " names the class " + data.getClassName()
                    + ", which is outside " + TRUSTED_PACKAGES + "; refusing to instantiate it");
        }
        if (data.getSerializedForm() != null) {
            throw new IllegalArgumentException(what + " is read from a Java-serialized file; refusing it");
        }
    }

    /**
     * A configuration of one object for writing, its relative {@code Path} and {@code File} settings made absolute
     * (against the working directory, which is what they meant when the object was made).
     * @param object The object.
     * @param name Its component name.
     * @return The configuration, ready for {@link ConfigurationManager#save}.
     */
    public static ConfigurationManager forWriting(Configurable object, String name) {
        ConfigurationManager manager = new ConfigurationManager();
        manager.importConfigurable(object, name);
        for (String component : manager.getComponentNames()) {
            ConfigurationData data = manager.getConfigurationData(component).orElseThrow();
            rewritePaths(data, (field, value) -> Path.of(value).isAbsolute() ? null
                    : Path.of(value).toAbsolutePath().normalize().toString());
        }
        return manager;
    }

    private static void resolveRelativePaths(ConfigurationManager manager, ConfigurationData data, Path folder) {
        rewritePaths(data, (field, value) -> {
            String expanded = manager.getImmutableGlobalProperties().replaceGlobalProperties(data.getName(), field, value);
            Path path = Path.of(expanded);
            if (!path.isAbsolute()) {
                manager.overrideConfigurableProperty(data.getName(), field,
                        new SimpleProperty(folder.resolve(path).normalize().toString()));
            }
            return null;
        });
    }

    /** Calls the function with every Path or File setting of a component; a non-null result replaces the value. */
    @SuppressWarnings("unchecked") // checked by isAssignableFrom
    private static void rewritePaths(ConfigurationData data, BiFunction<String, String, String> rewrite) {
        Class<?> type;
        try {
            type = Class.forName(data.getClassName());
        } catch (ClassNotFoundException e) {
            return; // OLCUT names the missing class when the component is looked up
        }
        if (!Configurable.class.isAssignableFrom(type)) {
            return;
        }
        for (Field field : PropertySheet.getAllFields((Class<? extends Configurable>) type)) {
            if (field.getAnnotation(Config.class) == null
                    || (field.getType() != Path.class && field.getType() != File.class)) {
                continue;
            }
            Property property = data.get(field.getName()).orElse(null);
            if (property instanceof SimpleProperty simple) {
                String replacement = rewrite.apply(field.getName(), simple.getValue());
                if (replacement != null) {
                    data.add(field.getName(), new SimpleProperty(replacement));
                }
            }
        }
    }

    private static void checkXml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.newSAXParser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String element, Attributes attributes) {
                    if (element.equals("file")) {
                        throw new IllegalArgumentException("includes other configuration files (<file>); "
                                + "put everything in one file");
                    }
                    if (element.equals("serialized") || attributes.getValue("serialized") != null) {
                        throw new IllegalArgumentException("reads a Java-serialized object (serialized); refusing it");
                    }
                }
            });
        } catch (SAXParseException e) {
            String problem = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "DOCTYPE declarations are not allowed in configuration files (an entity could read local files)"
                    : "not well-formed XML (" + e.getMessage() + ")";
            throw new IllegalArgumentException("line " + e.getLineNumber() + ": " + problem, e);
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML (" + e.getMessage() + ")", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be locked down: " + e.getMessage(), e);
        }
    }

    private static void checkJson(Path file) throws IOException {
        JsonNode root = Json.mapper().readTree(file.toFile());
        JsonNode config = root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root.path("config");
        if (config.has("config-files")) {
            throw new IllegalArgumentException("includes other configuration files (config-files); put everything in one file");
        }
        if (config.has("serialized-objects")) {
            throw new IllegalArgumentException("reads Java-serialized objects (serialized-objects); refusing it");
        }
        for (JsonNode component : config.path("components")) {
            if (component.has("serialized")) {
                throw new IllegalArgumentException("reads a Java-serialized object (serialized); refusing it");
            }
        }
    }
}
