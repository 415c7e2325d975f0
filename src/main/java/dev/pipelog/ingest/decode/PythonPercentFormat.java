package dev.pipelog.ingest.decode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Redoes Python's {@code msg % args} from the {@code str()} of the args tuple that HTTPHandler sends,
 * e.g. {@code ('orders', 42)}. String literals are unquoted for {@code %s}; {@code %r} gets the repr
 * as sent; {@code %d %i %u %f %e %g %x %o} read the element as a number and format it exactly as
 * Python does (see {@link Spec}: a test checks hundreds of cases against python3). Anything it cannot do
 * exactly ({@code %(name)s} keys, {@code *} widths, a count mismatch, a non-number for {@code %d})
 * gives empty, and the caller keeps {@code msg} unformatted. Stateless.
 */
final class PythonPercentFormat {
    private static final java.util.regex.Pattern PYTHON_NUMBER =
            java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
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
            Spec f = Spec.parse(spec);
            switch (type) {
                case 's':
                    return Optional.of(f.text(str(repr)));
                case 'r': case 'a':
                    return Optional.of(f.text(repr));
                case 'd': case 'i': case 'u':
                    return Optional.of(f.integer(number(repr).toBigInteger(), 10, false, ""));
                case 'x': case 'X': case 'o':
                    if (!isIntegerLiteral(repr)) {
                        return Optional.empty(); // Python: "%x format: an integer is required, not float"
                    }
                    String prefix = type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
                    return Optional.of(f.integer(number(repr).toBigIntegerExact(), type == 'o' ? 8 : 16,
                            type == 'X', prefix));
                case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
                    OptionalDouble value = floatValue(repr);
                    return value.isPresent() ? Optional.of(f.floating(value.getAsDouble(), type)) : Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (NumberFormatException | ArithmeticException | IndexOutOfBoundsException e) {
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

    private static boolean isIntegerLiteral(String repr) {
        return repr.equals("True") || repr.equals("False") || repr.matches("-?\\d+");
    }

    /** The double Python's float() gives for an int, bool or float repr; empty when it has none. */
    private static OptionalDouble floatValue(String repr) {
        switch (repr) {
            case "inf": return OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-inf": return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            case "nan": case "-nan": return OptionalDouble.of(Double.NaN);
            case "True": return OptionalDouble.of(1);
            case "False": return OptionalDouble.of(0);
            default:
                if (!PYTHON_NUMBER.matcher(repr).matches()) {
                    return OptionalDouble.empty();
                }
                // A float's repr is the shortest text that reads back as the same double (-0.0 keeps
                // its sign); an int's text is rounded to the nearest double, as float(int) does
                // (too big for a double: Python raises OverflowError).
                double d = Double.parseDouble(repr);
                return Double.isInfinite(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
        }
    }

    /**
     * A conversion's flags, width and precision, and Python's rules for applying them: floats are
     * rounded from their exact binary value, half to even ({@code '%.0f' % 2.5} is "2",
     * {@code '%.1f' % 0.35} is "0.3" because 0.35 is really 0.34999...); {@code %g} strips trailing
     * zeros unless {@code #}; {@code -} overrides {@code 0}; {@code +} overrides space.
     */
    private record Spec(boolean left, boolean zero, boolean plus, boolean space, boolean alt, int width, int precision) {
        static Spec parse(String spec) {
            int i = 0;
            boolean left = false, zero = false, plus = false, space = false, alt = false;
            for (; i < spec.length() && "-0+ #".indexOf(spec.charAt(i)) >= 0; i++) {
                switch (spec.charAt(i)) {
                    case '-': left = true; break;
                    case '0': zero = true; break;
                    case '+': plus = true; break;
                    case ' ': space = true; break;
                    default: alt = true;
                }
            }
            int dot = spec.indexOf('.', i);
            String width = dot < 0 ? spec.substring(i) : spec.substring(i, dot);
            if (!width.chars().allMatch(Character::isDigit) || (dot >= 0 && spec.indexOf('.', dot + 1) >= 0)) {
                throw new NumberFormatException("not a conversion spec: " + spec);
            }
            String precision = dot < 0 ? null : spec.substring(dot + 1);
            if (precision != null && !precision.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException("not a precision: " + spec);
            }
            return new Spec(left, zero, plus, space, alt, width.isEmpty() ? 0 : Integer.parseInt(width),
                    precision == null ? -1 : precision.isEmpty() ? 0 : Integer.parseInt(precision));
        }

        String text(String s) {
            String cut = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            return pad("", cut, false);
        }

        String integer(BigInteger n, int radix, boolean upper, String altPrefix) {
            String digits = n.abs().toString(radix);
            if (upper) {
                digits = digits.toUpperCase(Locale.ROOT);
            }
            if (precision > digits.length()) {
                digits = "0".repeat(precision - digits.length()) + digits;
            }
            return pad(sign(n.signum() < 0) + (alt ? altPrefix : ""), digits, true);
        }

        String floating(double d, char type) {
            boolean negative = Double.doubleToRawLongBits(d) < 0 && !Double.isNaN(d);
            String body;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                body = Double.isNaN(d) ? "nan" : "inf";
            } else {
                BigDecimal exact = new BigDecimal(Math.abs(d)); // the binary value, every digit of it
                int p = precision < 0 ? 6 : precision;
                switch (Character.toLowerCase(type)) {
                    case 'f': body = fixed(exact, p); break;
                    case 'e': body = scientific(exact, p); break;
                    default: body = general(exact, p);
                }
            }
            if (Character.isUpperCase(type)) {
                body = body.toUpperCase(Locale.ROOT);
            }
            return pad(sign(negative), body, true);
        }

        private String fixed(BigDecimal exact, int p) {
            String s = exact.setScale(p, RoundingMode.HALF_EVEN).toPlainString();
            return alt && p == 0 ? s + "." : s;
        }

        private String scientific(BigDecimal exact, int p) {
            if (exact.signum() == 0) {
                return zeros(p) + "e+00";
            }
            BigDecimal r = exact.round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
            int exponent = r.precision() - r.scale() - 1;
            String digits = r.unscaledValue().toString();
            digits = (digits + "0".repeat(Math.max(0, p + 1 - digits.length()))).substring(0, p + 1);
            String mantissa = p == 0 ? digits + (alt ? "." : "") : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + exponent(exponent);
        }

        private String zeros(int p) {
            return p == 0 ? (alt ? "0." : "0") : "0." + "0".repeat(p);
        }

        private static String exponent(int e) {
            String digits = Integer.toString(Math.abs(e));
            return (e < 0 ? "e-" : "e+") + (digits.length() < 2 ? "0" + digits : digits);
        }

        private String general(BigDecimal exact, int precisionGiven) {
            int p = precisionGiven == 0 ? 1 : precisionGiven;
            int exponent;
            if (exact.signum() == 0) {
                exponent = 0;
            } else {
                BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                exponent = r.precision() - r.scale() - 1;
            }
            String s = exponent >= -4 && exponent < p ? fixed(exact, p - 1 - exponent) : scientific(exact, p - 1);
            if (alt) {
                return s.contains(".") ? s : insertPoint(s);
            }
            return stripZeros(s);
        }

        private static String insertPoint(String s) {
            int e = s.indexOf('e');
            return e < 0 ? s + "." : s.substring(0, e) + "." + s.substring(e);
        }

        private static String stripZeros(String s) {
            int e = s.indexOf('e');
            String mantissa = e < 0 ? s : s.substring(0, e);
            String rest = e < 0 ? "" : s.substring(e);
            if (mantissa.indexOf('.') >= 0) {
                int end = mantissa.length();
                while (mantissa.charAt(end - 1) == '0') {
                    end--;
                }
                if (mantissa.charAt(end - 1) == '.') {
                    end--;
                }
                mantissa = mantissa.substring(0, end);
            }
            return mantissa + rest;
        }

        private String sign(boolean negative) {
            return negative ? "-" : plus ? "+" : space ? " " : "";
        }

        /** Pads to the width: left-justified with '-', zeros after the sign with '0' (numbers only). */
        private String pad(String prefix, String body, boolean numeric) {
            int fill = width - prefix.length() - body.length();
            if (fill <= 0) {
                return prefix + body;
            }
            if (left) {
                return prefix + body + " ".repeat(fill);
            }
            if (zero && numeric) {
                return prefix + "0".repeat(fill) + body;
            }
            return " ".repeat(fill) + prefix + body;
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
