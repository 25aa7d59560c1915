namespace Sesame.Core.Mail;

/// <summary>
/// A message waiting in the database outbox. It is added in the same transaction as the change that
/// causes it, and sent later by the server's background sender, which retries with backoff. The payload
/// (recipient, subject, bodies) is encrypted with Data Protection because it can hold a security code
/// and an e-mail address; it is erased once sent unless the environment keeps sent mail for its mailbox page.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The kind of message (a stable code such as "Account.ConfirmEmail"), safe to log.</summary>
    public string Template { get; set; } = "";

    public string? ProtectedPayload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure's exception type and SMTP status, never the message content.</summary>
    public string? LastError { get; set; }
}
