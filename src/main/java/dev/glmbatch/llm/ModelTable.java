package dev.glmbatch.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The model table: one {@link ModelSpec} per listed model id, the table's defaults for
 * ids of no listed family, and the family rule. It ships as the resource
 * {@value #RESOURCE}; {@link #with} lays the configuration's entries over it. Immutable
 * and thread-safe.
 */
public final class ModelTable implements ModelCatalog {

	/** The shipped table, a resource on the class path. */
	public static final String RESOURCE = "/glm-models.yaml";

	private static final YAMLMapper yaml = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final ModelTable SHIPPED = read(RESOURCE);

	private final ModelSpec defaults;

	// lower-case ids, sorted
	private final Map<String, ModelSpec> entries;

	private ModelTable(ModelSpec defaults, Map<String, ModelSpec> entries) {
		this.defaults = defaults;
		this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
	}

	/** The table as it ships, without the configuration's changes. */
	public static ModelTable shipped() {
		return SHIPPED;
	}

	/** The listed entries by lower-case id. */
	public Map<String, ModelSpec> entries() {
		return entries;
	}

	@Override
	public ModelSpec spec(String model) {
		String id = normalise(model);
		ModelSpec own = entries.get(id);
		if (own != null) {
			return own;
		}
		ModelSpec family = familyOf(id);
		if (family != null) {
			return family;
		}
		return new ModelSpec(id, null, null, null, defaults.maxInFlight(), defaults.thinking(), false);
	}

	/**
	 * This table with entries changed or added. An entry for a listed id changes only the
	 * keys it sets; an entry for a new id starts from its family's entry, or the defaults
	 * (unpriced).
	 * @param changes settings by model id
	 * @param property the configuration property that holds them, for errors, e.g.
	 * {@code glm.models}
	 * @throws IllegalArgumentException naming the property of a bad entry
	 */
	public ModelTable with(Map<String, ModelSettings> changes, String property) {
		Map<String, ModelSpec> merged = new TreeMap<>(entries);
		new TreeMap<>(changes).forEach((model, settings) -> {
			String id = normalise(model);
			if (id.isEmpty()) {
				throw new IllegalArgumentException(property + " has an entry without a model id");
			}
			ModelSpec base = spec(id);
			if (!base.listed()) {
				base = new ModelSpec(id, null, null, null, defaults.maxInFlight(), defaults.thinking(), false);
			}
			merged.put(id, settings.over(id, base, property + "[" + model + "]"));
		});
		return new ModelTable(defaults, merged);
	}

	private @Nullable ModelSpec familyOf(String id) {
		ModelSpec best = null;
		for (Map.Entry<String, ModelSpec> entry : entries.entrySet()) {
			if (id.startsWith(entry.getKey() + "-") && (best == null || entry.getKey().length() > best.id().length())) {
				best = entry.getValue();
			}
		}
		return best;
	}

	static String normalise(String model) {
		return model.strip().toLowerCase(Locale.ROOT);
	}

	/** Reads a table in the shipped format; a mistake in it names the entry and key. */
	static ModelTable read(String resource) {
		try (InputStream in = ModelTable.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The model table " + resource + " is missing from the class path");
			}
			JsonNode root = yaml.readTree(in);
			ModelSettings defaultSettings = yaml.treeToValue(root.required("defaults"), ModelSettings.class);
			ModelSpec defaults = new ModelSpec("defaults", null, null, null,
					Objects.requireNonNull(defaultSettings.maxInFlight(), "defaults.max-in-flight"),
					Objects.requireNonNull(defaultSettings.thinking(), "defaults.thinking"), false);
			Map<String, ModelSpec> entries = new TreeMap<>();
			for (Map.Entry<String, JsonNode> entry : root.required("models").properties()) {
				String id = normalise(entry.getKey());
				ModelSettings settings = yaml.treeToValue(entry.getValue(), ModelSettings.class);
				String where = "model table " + resource + ", entry " + entry.getKey();
				if (settings.thinking() == null) {
					throw new IllegalStateException(where + " has no thinking control");
				}
				if (!Boolean.TRUE.equals(settings.unpriced())
						&& (settings.inputPerMillion() == null || settings.outputPerMillion() == null)) {
					throw new IllegalStateException(where + " has no price; give one or mark it unpriced: true");
				}
				ModelSpec base = new ModelSpec(id, null, null, null, defaults.maxInFlight(), defaults.thinking(),
						false);
				entries.put(id, settings.over(id, base, where));
			}
			return new ModelTable(defaults, entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the model table " + resource, ex);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new IllegalStateException("The model table " + resource + " is invalid: " + ex.getMessage(), ex);
		}
	}

}
