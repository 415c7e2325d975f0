package dev.pipelog.ingest.decode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Redoes Python's {@code msg % args} from the {@code str()} of the args tuple that HTTPHandler sends,
 * e.g. {@code ('orders', 42)}. String literals are unquoted for {@code %s}; {@code %r} gets the repr
 * as sent; {@code %d %i %u %f %e %g %x %o} read the element as a number. Anything it cannot do
 * exactly ({@code %(name)s} keys, {@code *} widths, a count mismatch, a non-number for {@code %d})
 * gives empty, and the caller keeps {@code msg} unformatted. Stateless.
 */
final class PythonPercentFormat {
    private PythonPercentFormat() {
    }

    static Optional<String> apply(String msg, String argsRepr) {
        String repr = argsRepr.strip();
        // Python unwraps a lone mapping argument: msg % {'a': 1}. Without %(name)s it is one value.
        Optional<List<String>> args = repr.startsWith("{") && !msg.contains("%(")
                ? Optional.of(List.of(repr)) : tupleElements(repr);
        if (args.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = args.get();
        StringBuilder out = new StringBuilder(msg.length() + 32);
        int next = 0;
        int i = 0;
        while (i < msg.length()) {
            char c = msg.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            while (i < msg.length() && "-+ #0123456789.".indexOf(msg.charAt(i)) >= 0) {
                i++;
            }
            if (i >= msg.length()) {
                return Optional.empty();
            }
            char type = msg.charAt(i++);
            String spec = msg.substring(start + 1, i - 1);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if (next >= values.size()) {
                return Optional.empty();
            }
            Optional<String> piece = convert(spec, type, values.get(next++));
            if (piece.isEmpty()) {
                return Optional.empty();
            }
            out.append(piece.get());
        }
        return next == values.size() ? Optional.of(out.toString()) : Optional.empty();
    }

    private static Optional<String> convert(String spec, char type, String repr) {
        try {
            switch (type) {
                case 's':
                    return Optional.of(String.format(Locale.ROOT, "%" + spec.replace("#", "") + "s", str(repr)));
                case 'r': case 'a':
                    return Optional.of(String.format(Locale.ROOT, "%" + spec.replace("#", "") + "s", repr));
                case 'd': case 'i': case 'u':
                    return Optional.of(String.format(Locale.ROOT, "%" + spec + "d",
                            number(repr).toBigInteger()));
                case 'x': case 'X': case 'o':
                    return Optional.of(String.format(Locale.ROOT, "%" + spec + type, number(repr).toBigIntegerExact()));
                case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
                    String javaSpec = spec.contains(".") ? spec : spec + ".6";
                    return Optional.of(String.format(Locale.ROOT, "%" + javaSpec + Character.toLowerCase(type),
                            number(repr).doubleValue()));
                default:
                    return Optional.empty();
            }
        } catch (IllegalFormatException | NumberFormatException | ArithmeticException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal number(String repr) {
        switch (repr) {
            case "True": return BigDecimal.ONE;
            case "False": return BigDecimal.ZERO;
            default: return new BigDecimal(repr);
        }
    }

    /** The text {@code %s} shows: a string literal unquoted, anything else as sent. */
    private static String str(String repr) {
        return isStringLiteral(repr) ? unquote(repr) : repr;
    }

    private static boolean isStringLiteral(String s) {
        return s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0);
    }

    /** Splits {@code (a, 'b, c', [1, 2])} into its top-level elements; empty when it is not a tuple. */
    static Optional<List<String>> tupleElements(String repr) {
        if (repr.length() < 2 || repr.charAt(0) != '(' || repr.charAt(repr.length() - 1) != ')') {
            return Optional.empty();
        }
        List<String> elements = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 1;
        for (int i = 1; i < repr.length() - 1; i++) {
            char c = repr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                elements.add(repr.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (quote != 0 || depth != 0) {
            return Optional.empty();
        }
        String last = repr.substring(start, repr.length() - 1).strip();
        if (!last.isEmpty()) {
            elements.add(last);
        }
        return Optional.of(elements);
    }

    private static String unquote(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\' || i + 1 >= literal.length() - 1) {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case '0': out.append('\0'); break;
                case 'x': out.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16)); i += 2; break;
                case 'u': out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16)); i += 4; break;
                default: out.append(e);
            }
        }
        return out.toString();
    }
}
