namespace Sesame.Core.Accounts;

public enum EmailCodePurpose
{
    ConfirmEmail = 1,
    SignIn = 2,

    /// <summary>Sent to a new address to confirm it before it replaces the account's e-mail.</summary>
    ChangeEmail = 3,

    /// <summary>A second factor asked again before a sensitive change, or to start an account recovery.</summary>
    Reverify = 4,
}

/// <summary>A 6-digit security code mailed to a person (seed 001), kept only as a keyed hash.</summary>
public sealed class EmailCode
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public EmailCodePurpose Purpose { get; set; }

    public byte[] CodeHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    /// <summary>Set when the code was used, replaced by a new one, or had too many wrong entries.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
