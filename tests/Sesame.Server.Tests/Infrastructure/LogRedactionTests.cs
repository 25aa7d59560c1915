using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sesame.Core.Privacy;
using Sesame.Server.Infrastructure.Logging;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>
/// Log redaction (issue 7, item 4): what the taxonomy classifies leaves the logging pipeline erased or as a keyed
/// hash, never in clear — checked on the redactors themselves and through the real server's logs.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LogRedactionTests(ServerFixture server)
{
    private const string Email = "marie.tremblay@exemple.ca";
    private const string HealthNumber = "TREM80010112";

    [Fact]
    public void Personal_sensitive_secret_and_unclassified_values_are_erased_and_pseudonymous_ones_hashed_under_the_key()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var redactors = Redactors(key);

        Assert.Equal("", redactors.GetRedactor(SesameTaxonomy.PersonalData).Redact(Email));
        Assert.Equal("", redactors.GetRedactor(SesameTaxonomy.SensitiveData).Redact(HealthNumber));
        Assert.Equal("", redactors.GetRedactor(SesameTaxonomy.Secret).Redact("Tulipe-Verte-Hiver-92"));
        Assert.Equal("", redactors.GetRedactor(new DataClassification("Autre", "Inconnu")).Redact(Email));

        var pseudonymous = redactors.GetRedactor(SesameTaxonomy.PseudonymousData);
        var hashed = pseudonymous.Redact("203.0.113.7");
        Assert.NotEmpty(hashed);
        Assert.DoesNotContain("203.0.113", hashed, StringComparison.Ordinal);
        Assert.Equal(hashed, pseudonymous.Redact("203.0.113.7"));
        Assert.NotEqual(hashed, pseudonymous.Redact("203.0.113.8"));
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(hashed, Redactors(otherKey).GetRedactor(SesameTaxonomy.PseudonymousData).Redact("203.0.113.7"));
    }

    [Fact]
    public void The_taxonomy_keeps_its_classes_apart_and_its_attributes_carry_them()
    {
        DataClassification[] classes = [SesameTaxonomy.PersonalData, SesameTaxonomy.SensitiveData, SesameTaxonomy.PseudonymousData, SesameTaxonomy.Secret];
        Assert.Equal(classes.Length, classes.Distinct().Count());
        Assert.All(classes, c => Assert.Equal(SesameTaxonomy.Name, c.TaxonomyName));
        Assert.Equal(SesameTaxonomy.PersonalData, new PersonalDataAttribute().Classification);
        Assert.Equal(SesameTaxonomy.SensitiveData, new SensitiveDataAttribute().Classification);
        Assert.Equal(SesameTaxonomy.PseudonymousData, new PseudonymousDataAttribute().Classification);
        Assert.Equal(SesameTaxonomy.Secret, new SecretAttribute().Classification);
    }

    [Fact]
    public async Task A_lockout_is_logged_with_the_account_and_address_as_keyed_hashes_never_in_clear()
    {
        var address = "198.51.100." + Random.Shared.Next(1, 250);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        var account = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());
        using (var browser = server.NewBrowser(address))
        {
            await browser.GetAsync("/");
            for (var i = 0; i < 5; i++)
            {
                await browser.PostAsync("/", Journeys.Credentials(username, "Pas-Le-Bon-Mot-De-Passe-7"));
            }
        }

        // The pipeline's own redactor, under the key the host was given: what the account and address must become.
        var pseudonymous = Redactors(server.Host.LogRedactionKey).GetRedactor(SesameTaxonomy.PseudonymousData);
        var line = Assert.Single(server.Host.Logs.Lines, l => l.Contains("Security.LockedOut", StringComparison.Ordinal)
            && l.Contains(pseudonymous.Redact(account.ToString()), StringComparison.Ordinal));
        Assert.Contains(pseudonymous.Redact(address), line, StringComparison.Ordinal);
        Assert.DoesNotContain(account.ToString(), line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(account.ToString("N"), line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(address, line, StringComparison.Ordinal);

        // Nothing else names the person either: no log line holds the username, the e-mail, the account or a message id.
        await server.Mail.WaitForAsync(email, 2);
        var messages = await server.WithDatabaseAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync());
        var logs = string.Join('\n', server.Host.Logs.Lines);
        Assert.DoesNotContain(username, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(account.ToString(), logs, StringComparison.OrdinalIgnoreCase);
        Assert.All(messages, id => Assert.DoesNotContain(id.ToString(), logs, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(server.Host.Logs.Lines, l => l.Contains("Mail.Sent message ", StringComparison.Ordinal));
    }

    private static IRedactorProvider Redactors(string key)
    {
        var services = new ServiceCollection();
        services.AddRedaction(r => LogRedaction.Configure(r, () => key));
        return services.BuildServiceProvider().GetRequiredService<IRedactorProvider>();
    }
}
