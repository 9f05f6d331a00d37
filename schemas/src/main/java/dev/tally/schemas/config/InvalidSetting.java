package dev.tally.schemas.config;

/**
 * A setting without a value or with a value its reader cannot use. The message names the variable
 * and the rule; commands exit with 2 (bad arguments) for it, since running again cannot help.
 */
public class InvalidSetting extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public InvalidSetting(Setting setting, String rule) {
    super(setting.variable() + " " + rule);
  }

  public InvalidSetting(Setting setting, String rule, Throwable cause) {
    super(setting.variable() + " " + rule, cause);
  }
}
