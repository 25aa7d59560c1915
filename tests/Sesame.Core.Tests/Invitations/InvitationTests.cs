using System.Security.Cryptography;
using Sesame.Core.Invitations;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Invitations;

public sealed class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private readonly KeyedHasher _hasher = new(RandomNumberGenerator.GetBytes(32));

    private (Invitation Invitation, string Code, string Link) Issued()
    {
        var invitation = new Invitation { Id = Guid.NewGuid(), CreatedAt = Now };
        var (code, link) = invitation.Issue(_hasher, Now);
        return (invitation, code, link);
    }

    [Fact]
    public void The_code_has_eight_letters_or_digits_and_only_its_hash_is_kept()
    {
        var (invitation, code, _) = Issued();

        Assert.Matches("^[A-Za-z0-9]{8}$", code);
        Assert.Equal(32, invitation.CodeHash.Length);
        Assert.Equal(_hasher.Hash("invitation-code", invitation.Id.ToString(), code), invitation.CodeHash);
        Assert.Equal(CodeCheck.Right, invitation.Check(_hasher, code, Now));
    }

    [Fact]
    public void The_code_is_case_sensitive_and_a_wrong_one_is_counted()
    {
        var (invitation, code, _) = Issued();
        while (!code.Any(char.IsAsciiLetter))
        {
            // A code of digits only has no other case (one in about 10^6): issue another.
            (code, _) = invitation.Issue(_hasher, Now);
        }

        var otherCase = new string([.. code.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]);

        Assert.Equal(CodeCheck.Wrong, invitation.Check(_hasher, otherCase, Now));
        Assert.Equal(1, invitation.FailedAttempts);
    }

    [Fact]
    public void The_fifth_wrong_code_voids_the_invitation_even_for_the_right_code()
    {
        var (invitation, code, _) = Issued();
        for (var i = 1; i < Invitation.MaximumFailedAttempts; i++)
        {
            Assert.Equal(CodeCheck.Wrong, invitation.Check(_hasher, "AAAAAAAA", Now));
        }

        Assert.Equal(CodeCheck.WrongAndVoided, invitation.Check(_hasher, "AAAAAAAA", Now));
        Assert.Equal(InvitationState.TooManyAttempts, invitation.StateAt(Now));
        Assert.Equal(CodeCheck.Void, invitation.Check(_hasher, code, Now));
    }

    [Fact]
    public void It_expires_seven_days_after_it_was_issued()
    {
        var (invitation, code, _) = Issued();

        Assert.Equal(InvitationState.Open, invitation.StateAt(Now + TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(Now + TimeSpan.FromDays(7)));
        Assert.Equal(CodeCheck.Void, invitation.Check(_hasher, code, Now + TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Issuing_again_voids_the_old_code_and_link_and_starts_over()
    {
        var (invitation, oldCode, oldLink) = Issued();
        invitation.Check(_hasher, "AAAAAAAA", Now);
        var later = Now + TimeSpan.FromDays(6);

        var (newCode, newLink) = invitation.Issue(_hasher, later);

        Assert.Equal(0, invitation.FailedAttempts);
        Assert.Equal(later + Invitation.Lifetime, invitation.ExpiresAt);
        Assert.False(invitation.LinkMatches(_hasher, oldLink));
        Assert.True(invitation.LinkMatches(_hasher, newLink));
        Assert.NotEqual(oldCode, newCode);
        Assert.Equal(CodeCheck.Wrong, invitation.Check(_hasher, oldCode, later));
        Assert.Equal(CodeCheck.Right, invitation.Check(_hasher, newCode, later));
    }

    [Fact]
    public void An_accepted_or_revoked_invitation_takes_no_code()
    {
        var (accepted, code, _) = Issued();
        accepted.AcceptedAt = Now;
        var (revoked, otherCode, _) = Issued();
        revoked.RevokedAt = Now;

        Assert.Equal(CodeCheck.Void, accepted.Check(_hasher, code, Now));
        Assert.Equal(CodeCheck.Void, revoked.Check(_hasher, otherCode, Now));
    }
}
