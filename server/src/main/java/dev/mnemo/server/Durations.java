package dev.mnemo.server;

import picocli.CommandLine;

import java.time.Duration;

/**
 * The command line's side of Mnemo's one duration syntax ({@link dev.mnemo.engine.Durations}): its words for help
 * texts, and the picocli converter of every duration option of {@code bin/mnemo} and {@code bin/mnemo bench}.
 */
public final class Durations {
    /** The syntax in words, for help texts. */
    public static final String SYNTAX = dev.mnemo.engine.Durations.SYNTAX;

    private Durations() {
    }

    /** {@link dev.mnemo.engine.Durations#parse} as a picocli converter: a value it refuses is a usage error. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return dev.mnemo.engine.Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
