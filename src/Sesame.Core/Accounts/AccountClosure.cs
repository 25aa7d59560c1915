namespace Sesame.Core.Accounts;

/// <summary>
/// Closing an account (mission.md §4, "account closure"): the account stops working at once, and its
/// personal information is deleted after a grace period during which the person may change their mind.
/// </summary>
public static class AccountClosure
{
    /// <summary>Thirty days, as government services usually give before a deletion becomes final.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(30);

    public static DateTimeOffset DeletionDue(DateTimeOffset requestedAt) => requestedAt + GracePeriod;
}
