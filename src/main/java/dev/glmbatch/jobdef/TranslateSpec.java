package dev.glmbatch.jobdef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

import org.jspecify.annotations.Nullable;

/**
 * The {@code translate} task.
 *
 * @param sourceColumns columns to translate, at least one
 * @param targetLanguages languages to translate into (names or codes, e.g. {@code fr},
 * {@code Japanese}), at least one
 * @param sourceLanguage the language of the source text, or {@code null} to let the model
 * detect it
 * @param glossary source term to required translation, applied in every target language
 * @param doNotTranslate terms copied unchanged (brand names, codes)
 * @param tone a short style instruction (e.g. {@code friendly, concise}), or {@code null}
 */
public record TranslateSpec(List<String> sourceColumns, List<String> targetLanguages, @Nullable String sourceLanguage,
		Map<String, String> glossary, List<String> doNotTranslate, @Nullable String tone) implements TaskSpec {

	public TranslateSpec {
		sourceColumns = List.copyOf(sourceColumns);
		targetLanguages = List.copyOf(targetLanguages);
		glossary = Collections.unmodifiableMap(new LinkedHashMap<>(glossary));
		doNotTranslate = List.copyOf(doNotTranslate);
	}

}
