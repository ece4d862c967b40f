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
package org.rewardcollapse.data;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a ranking data source: every configured field (so the source can be rebuilt from it), plus
 * instance values that pin down what was read, such as the SHA-256 of the data file and the load counts.
 */
public final class RankingSourceProvenance extends SkeletalConfiguredObjectProvenance
        implements ConfiguredDataSourceProvenance {
    private static final long serialVersionUID = 1L;
    /** Instance-value key: SHA-256 of the data file. */
    public static final String RESOURCE_HASH = "resource-hash";
    /** Instance-value key: SHA-256 of a companion file the source read beside its data file (LETOR's group sizes). */
    public static final String COMPANION_HASH = "companion-resource-hash";
    /** Instance-value key: number of prompt groups loaded. */
    public static final String NUM_GROUPS = "num-groups";
    /** Instance-value key: number of responses (examples) loaded. */
    public static final String NUM_RESPONSES = "num-responses";
    /** Instance-value key: number of strictly ordered pairs loaded. */
    public static final String NUM_PAIRS = "num-pairs";
    private static final List<String> INSTANCE_KEYS = List.of(RESOURCE_HASH, COMPANION_HASH, NUM_GROUPS, NUM_RESPONSES, NUM_PAIRS);

    private final Map<String, PrimitiveProvenance<?>> instanceValues;

    /**
     * Records a source.
     * @param host The source (a ranking data source).
     * @param instanceValues What it read (hash, counts), keyed by name.
     */
    public <T extends Configurable> RankingSourceProvenance(T host,
                                                           Map<String, PrimitiveProvenance<?>> instanceValues) {
        super(host, "DataSource");
        this.instanceValues = Map.copyOf(instanceValues);
    }

    /**
     * Rebuilds the provenance from its marshalled form.
     * @param map The provenance map.
     */
    public RankingSourceProvenance(Map<String, Provenance> map) {
        this(extract(map));
    }

    private RankingSourceProvenance(ExtractedInfo info) {
        super(info);
        this.instanceValues = Map.copyOf(info.instanceValues);
    }

    private static ExtractedInfo extract(Map<String, Provenance> map) {
        Map<String, Provenance> configured = new HashMap<>(map);
        String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME,
                StringProvenance.class, RankingSourceProvenance.class.getSimpleName()).getValue();
        String hostName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                StringProvenance.class, RankingSourceProvenance.class.getSimpleName()).getValue();
        Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
        for (String key : INSTANCE_KEYS) {
            Provenance value = configured.remove(key);
            if (value instanceof PrimitiveProvenance<?> primitive) {
                instance.put(key, primitive);
            }
        }
        return new ExtractedInfo(className, hostName, configured, instance);
    }

    @Override
    public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
        Map<String, PrimitiveProvenance<?>> map = super.getInstanceValues();
        map.putAll(instanceValues);
        return map;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RankingSourceProvenance other) || !super.equals(o)) {
            return false;
        }
        return instanceValues.equals(other.instanceValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), instanceValues);
    }
}
