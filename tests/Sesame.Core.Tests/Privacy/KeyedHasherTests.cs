using System.Security.Cryptography;
using System.Text;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Privacy;

public sealed class KeyedHasherTests
{
    private readonly KeyedHasher _hasher = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void A_key_shorter_than_32_bytes_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyedHasher(new byte[length]));

        Assert.Equal("key", error.ParamName);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void A_key_of_32_bytes_or_more_is_accepted(int length)
    {
        var hasher = new KeyedHasher(RandomNumberGenerator.GetBytes(length));

        Assert.Equal(32, hasher.Hash("a").Length);
    }

    [Fact]
    public void The_hash_is_HMAC_SHA256_of_the_parts()
    {
        // RFC 4231 test case 6: a 131-byte key of 0xaa.
        var hasher = new KeyedHasher(Enumerable.Repeat((byte)0xaa, 131).ToArray());

        var hash = hasher.Hash("Test Using Larger Than Block-Size Key - Hash Key First");

        Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void The_same_parts_under_the_same_key_give_the_same_hash()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var first = new KeyedHasher(key).Hash("user", "ConfirmEmail", "123456");
        var second = new KeyedHasher((byte[])key.Clone()).Hash("user", "ConfirmEmail", "123456");

        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
    }

    [Fact]
    public void A_different_key_gives_a_different_hash()
    {
        var other = new KeyedHasher(RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(_hasher.Hash("user", "123456"), other.Hash("user", "123456"));
    }

    [Fact]
    public void The_hash_is_not_an_unkeyed_digest_of_the_input()
    {
        var hash = _hasher.Hash("123456");

        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes("123456")), hash);
        Assert.NotEqual(Encoding.UTF8.GetBytes("123456"), hash);
    }

    [Fact]
    public void Different_parts_give_different_hashes()
    {
        Assert.NotEqual(_hasher.Hash("123456"), _hasher.Hash("123457"));
        Assert.NotEqual(_hasher.Hash("a", "b"), _hasher.Hash("b", "a"));
    }

    [Fact]
    public void Parts_are_separated_so_moving_a_boundary_changes_the_hash()
    {
        Assert.NotEqual(_hasher.Hash("ab", "c"), _hasher.Hash("a", "bc"));
        Assert.NotEqual(_hasher.Hash("ab"), _hasher.Hash("a", "b"));
        Assert.NotEqual(_hasher.Hash("a"), _hasher.Hash("a", ""));
        Assert.NotEqual(_hasher.Hash("a", "", "b"), _hasher.Hash("a", "b", ""));
    }

    [Fact]
    public void Matches_is_true_for_the_same_parts()
    {
        var hash = _hasher.Hash("user", "ConfirmEmail", "123456");

        Assert.True(_hasher.Matches(hash, "user", "ConfirmEmail", "123456"));
    }

    [Fact]
    public void Matches_is_false_for_other_parts_another_key_or_a_damaged_hash()
    {
        var hash = _hasher.Hash("user", "ConfirmEmail", "123456");
        var other = new KeyedHasher(RandomNumberGenerator.GetBytes(32));
        var flipped = (byte[])hash.Clone();
        flipped[^1] ^= 1;

        Assert.False(_hasher.Matches(hash, "user", "ConfirmEmail", "123457"));
        Assert.False(_hasher.Matches(hash, "user", "SignIn", "123456"));
        Assert.False(_hasher.Matches(hash, "user", "ConfirmEmail123456"));
        Assert.False(other.Matches(hash, "user", "ConfirmEmail", "123456"));
        Assert.False(_hasher.Matches(flipped, "user", "ConfirmEmail", "123456"));
        Assert.False(_hasher.Matches(hash[..16], "user", "ConfirmEmail", "123456"));
        Assert.False(_hasher.Matches([], "user", "ConfirmEmail", "123456"));
    }
}
