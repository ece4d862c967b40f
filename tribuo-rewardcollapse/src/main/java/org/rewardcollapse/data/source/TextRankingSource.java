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
package org.rewardcollapse.data.source;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.tribuo.Feature;

import java.nio.file.Path;
import java.util.List;

/**
 * A ranking source whose responses are text, featurised with a {@link ResponseFeaturizer} that is recorded
 * in the source's provenance.
 */
public abstract class TextRankingSource extends RankingDataSource {
    @Config(description = "Turns prompt and response text into features.")
    protected ResponseFeaturizer featurizer = ResponseFeaturizer.defaults();

    @Config(description = "How conversational prompts and responses (lists of role/content messages) become text: HH, "
            + "CHATML or PLAIN.")
    protected ChatTemplate chatTemplate = ChatTemplate.HH;

    /**
     * For OLCUT and subclasses.
     */
    protected TextRankingSource() {}

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (featurizer == null) {
            throw new IllegalArgumentException(formatName() + " source: featurizer must be set");
        }
        super.postConfig();
    }

    /**
     * Configures and loads the source; used by the public constructors of subclasses.
     * @param dataPath The data file.
     * @param featurizer The featuriser.
     * @param promptIdKey The metadata key of the prompt id.
     * @param promptTypeKey The metadata key of the prompt type.
     * @param options Type rules, whether labels are required, how conversations become text.
     */
    protected final void load(Path dataPath, ResponseFeaturizer featurizer, String promptIdKey, String promptTypeKey,
                              ReadOptions options) {
        this.labelsRequired = options.labelsRequired();
        this.chatTemplate = options.chatTemplate();
        this.dataPath = dataPath;
        this.featurizer = featurizer;
        this.promptIdKey = promptIdKey;
        this.promptTypeKey = promptTypeKey;
        this.typeRules = new java.util.ArrayList<>(options.typeRules());
        postConfig();
    }

    @Override
    protected ResponseFeaturizer.Featurised featuresOf(List<PromptGroup> groups) {
        return featurizer.featurizeAll(groups);
    }

    @Override
    protected List<Feature> features(PromptGroup group, ScoredResponse response) {
        return featurizer.featurize(group.prompt(), response.text());
    }

    /**
     * The featuriser this source applies.
     * @return The featuriser.
     */
    public ResponseFeaturizer featurizer() {
        return featurizer;
    }

    /**
     * How this source renders conversations.
     * @return The template.
     */
    public ChatTemplate chatTemplate() {
        return chatTemplate;
    }
}
