package dev.pipelog.ui.pipelines;

import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSettings;

/** The settings form as typed; {@link #validate} turns it into settings or says what is wrong. */
record SettingsDraft(String pipelineId, Level minLevel, String retentionDays) {
    static final int MAX_RETENTION_DAYS = 36_500;

    sealed interface Result permits Valid, Invalid {
    }

    record Valid(PipelineSettings settings) implements Result {
    }

    record Invalid(String reason) implements Result {
    }

    Result validate() {
        String days = retentionDays == null ? "" : retentionDays.strip();
        if (days.isEmpty()) {
            return new Valid(new PipelineSettings(pipelineId, minLevel, null));
        }
        if (!days.chars().allMatch(Character::isDigit) || days.length() > 6) {
            return new Invalid("Retention must be a whole number of days (or empty to keep everything)");
        }
        int n = Integer.parseInt(days);
        if (n < 1 || n > MAX_RETENTION_DAYS) {
            return new Invalid("Retention must be between 1 and " + MAX_RETENTION_DAYS + " days");
        }
        return new Valid(new PipelineSettings(pipelineId, minLevel, n));
    }

    static String describe(PipelineSettings s) {
        String level = s.minLevel() == null ? "stores every level" : "stores " + s.minLevel() + " and above";
        String retention = s.retentionDays() == null ? "keeps records until cleaned up"
                : "keeps records " + s.retentionDays() + (s.retentionDays() == 1 ? " day" : " days");
        return level + ", " + retention;
    }
}
