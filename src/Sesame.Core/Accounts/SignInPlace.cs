namespace Sesame.Core.Accounts;

/// <summary>
/// A place a person already signed in from, kept only as a keyed hash of the approximate location, so that
/// a sign-in from a new place can be told apart without keeping where the person goes (Law 25, s.65.0.1).
/// Rows exist only for people who turned location alerts on.
/// </summary>
public sealed class SignInPlace
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public byte[] PlaceHash { get; set; } = [];

    public DateTimeOffset FirstSeenAt { get; set; }
}
