package dev.mnemo.sql.plan;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Calcite's Java type factory over {@link MnemoTypeSystem}, whose character types are UTF-8. Calcite's default
 * character set is ISO-8859-1: a text literal outside it ({@code '日本'}) failed to encode, and a text cast or written
 * to VARBINARY became its ISO-8859-1 bytes. UTF-8 is what the engine stores and the drivers send.
 */
public final class MnemoTypeFactory extends JavaTypeFactoryImpl {
    public MnemoTypeFactory() {
        super(MnemoTypeSystem.INSTANCE);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
