package io.switchboard.agent.directory;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Languages as one comma-separated column: Hibernate Reactive binds JSON columns as objects only, and a language
 * tag never contains a comma.
 */
@Converter
public class LanguagesConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> languages) {
        return languages == null ? "" : String.join(",", languages);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }
}
