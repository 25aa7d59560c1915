namespace Sesame.Testing;

/// <summary>
/// What the README's test command (scripts/test.sh) provides: the database to run on, a throwaway
/// PostgreSQL server, and a real SMTP server with an HTTP API to read what it received.
/// </summary>
public static class TestEnvironment
{
    public static bool UsePostgres =>
        string.Equals(Environment.GetEnvironmentVariable("SESAME_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresServer => Required("SESAME_TEST_POSTGRES");

    public static string SmtpHost => Required("SESAME_TEST_SMTP_HOST");

    public static int SmtpPort => int.Parse(Required("SESAME_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static Uri MailApi => new(Required("SESAME_TEST_MAIL_API"));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with `bash scripts/test.sh` (see README).");
}
