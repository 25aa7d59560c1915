using System.Security.Cryptography;
using System.Text;
using Sesame.Core.Identity;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Privacy;

/// <summary>What Sesame keeps of a person is unreadable without the key, tamper-evident, and readable after a rotation.</summary>
public sealed class PersonalDataProtectorTests
{
    private static readonly PersonalInformation Marie = new("Marie", "Tremblay", new DateOnly(1985, 3, 14), "TREM85531419", "046454286");

    [Fact]
    public void The_stored_bytes_contain_no_clear_value_and_read_back_whole()
    {
        var protector = new PersonalDataProtector([(1, RandomNumberGenerator.GetBytes(32))]);
        var stored = protector.Protect(Marie, "test");
        var text = Encoding.UTF8.GetString(stored);
        Assert.DoesNotContain("TREM85531419", text, StringComparison.Ordinal);
        Assert.DoesNotContain("046454286", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tremblay", text, StringComparison.Ordinal);
        Assert.Equal(Marie, protector.Unprotect<PersonalInformation>(stored, "test"));
        // The same value twice gives two different ciphertexts (a fresh nonce each time).
        Assert.NotEqual(stored, protector.Protect(Marie, "test"));
    }

    [Fact]
    public void An_altered_value_or_another_purpose_is_refused()
    {
        var protector = new PersonalDataProtector([(1, RandomNumberGenerator.GetBytes(32))]);
        var stored = protector.Protect(Marie, "test");
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect<PersonalInformation>(stored, "other"));
        stored[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect<PersonalInformation>(stored, "test"));
    }

    [Fact]
    public void After_a_rotation_old_values_still_read_and_new_ones_use_the_new_key()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var before = new PersonalDataProtector([(1, oldKey)]).Protect(Marie, "test");
        var rotated = new PersonalDataProtector([(2, RandomNumberGenerator.GetBytes(32)), (1, oldKey)]);
        Assert.Equal(Marie, rotated.Unprotect<PersonalInformation>(before, "test"));
        Assert.Equal(2, rotated.Protect(Marie, "test")[0]);
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataProtector([(2, RandomNumberGenerator.GetBytes(32))]).Unprotect<PersonalInformation>(before, "test"));
    }

    [Fact]
    public void A_person_never_prints()
    {
        Assert.DoesNotContain("TREM", Marie.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("046454286", $"{Marie}", StringComparison.Ordinal);
    }
}
