namespace Sesame.Core.Accounts;

/// <summary>
/// A person who lost every strong factor (authenticator app, passkeys, recovery codes) asked to recover the
/// account by e-mail. It takes effect only after <see cref="WaitingPeriod"/>, during which every mail to the
/// account's address says so and offers to cancel: someone who only stole the password and the mailbox for
/// a moment cannot remove the factors at once (mission.md §4; issue 5, "account recovery").
/// </summary>
public sealed class AccountRecovery
{
    public static readonly TimeSpan WaitingPeriod = TimeSpan.FromDays(3);

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    /// <summary>When the factors were removed after the wait; null until then.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the person (from the alert mail or the account page) cancelled it.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
}
