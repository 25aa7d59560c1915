using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Identity;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Privacy;

/// <summary>Issue 7's key rotation: old rows stay readable, the command re-encrypts them, the old key can then go.</summary>
public sealed class PersonalDataRotationTests : IDisposable
{
    private static readonly PersonalInformation Marie = new("Marie", "Tremblay", new DateOnly(1985, 3, 14), "TREM85531419", "046454286");
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public PersonalDataRotationTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Rows_written_under_the_old_key_are_read_re_encrypted_and_readable_once_the_old_key_is_gone()
    {
        var oldKey = (Id: (byte)1, Key: RandomNumberGenerator.GetBytes(32));
        var newKey = (Id: (byte)2, Key: RandomNumberGenerator.GetBytes(32));
        var before = new PersonalDataProtector([oldKey]);
        var user = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Users.Add(new SesameUser { Id = user, UserName = "marie", NormalizedUserName = "MARIE", SecurityStamp = "s" });
            db.VerifiedIdentities.Add(new VerifiedIdentity { PersonId = Guid.NewGuid(), AccountId = user, Attributes = before.Protect(Marie, VerifiedIdentity.ProtectionPurpose) });
            db.ProofingCases.Add(new ProofingCase { Id = Guid.NewGuid(), UserId = user, PersonalData = before.Protect(Marie, PersonalInformation.ProtectionPurpose) });
            await db.SaveChangesAsync();
        }

        var rotating = new PersonalDataProtector([newKey, oldKey]);
        await using (var db = NewContext())
        {
            var identity = await db.VerifiedIdentities.SingleAsync();
            Assert.Equal(Marie, rotating.Unprotect<PersonalInformation>(identity.Attributes, VerifiedIdentity.ProtectionPurpose));
            Assert.Equal(2, await new PersonalDataRotation(db, rotating).ReencryptAsync());
        }

        await using (var db = NewContext())
        {
            Assert.Equal(0, await new PersonalDataRotation(db, rotating).ReencryptAsync());
        }

        var after = new PersonalDataProtector([newKey]);
        await using (var db = NewContext())
        {
            Assert.Equal(Marie, after.Unprotect<PersonalInformation>((await db.VerifiedIdentities.SingleAsync()).Attributes, VerifiedIdentity.ProtectionPurpose));
            Assert.Equal(Marie, after.Unprotect<PersonalInformation>((await db.ProofingCases.SingleAsync()).PersonalData!, PersonalInformation.ProtectionPurpose));
            Assert.ThrowsAny<CryptographicException>(() =>
                new PersonalDataProtector([oldKey]).Unprotect<PersonalInformation>(db.VerifiedIdentities.Single().Attributes, VerifiedIdentity.ProtectionPurpose));
        }
    }

    private SqliteSesameDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteSesameDbContext>().UseSqlite(_connection).Options);
}
