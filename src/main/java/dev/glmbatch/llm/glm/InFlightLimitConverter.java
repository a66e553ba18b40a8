package dev.glmbatch.llm.glm;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * Converts one number, {@code glm.max-in-flight=8}, to the per-model map
 * {@link GlmProperties#maxInFlight()} holds, under the key for every model; the per-model
 * form ({@code glm.max-in-flight.glm-4.7=20}) binds as a map by itself.
 */
final class InFlightLimitConverter implements ConditionalGenericConverter {

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String.class, Map.class), new ConvertiblePair(Integer.class, Map.class));
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		TypeDescriptor key = targetType.getMapKeyTypeDescriptor();
		TypeDescriptor value = targetType.getMapValueTypeDescriptor();
		return key != null && value != null && key.getType() == String.class && value.getType() == Integer.class;
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		String text = source.toString().strip();
		if (text.isEmpty()) {
			return Map.of();
		}
		try {
			return Map.of(GlmProperties.EVERY_MODEL, Integer.valueOf(text));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("glm.max-in-flight must be a number (one limit for every model), or"
					+ " set per model as glm.max-in-flight.<model>=N; was '" + text + "'", ex);
		}
	}

}
