using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Account;

[Collection(ServerCollection.Name)]
public sealed class RegisterTests(ServerFixture server)
{
    [Fact]
    public async Task The_form_explains_the_rules_before_the_person_types()
    {
        using var browser = server.NewBrowser();
        var page = await browser.GetAsync("/creer-compte");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Minimum de 5 caractères. Seulement les lettres et les chiffres sont acceptés.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Minimum de 10 caractères, sans répétition ni séquence.", page.Text, StringComparison.Ordinal);
        Assert.Contains("être âgé de 14 ans ou plus", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "Le nom d'utilisateur doit compter au moins 5 caractères.")]
    [InlineData("zoé2012", "Le nom d'utilisateur ne peut contenir que des lettres (sans accents) et des chiffres.")]
    [InlineData("marie_85", "Le nom d'utilisateur ne peut contenir que des lettres (sans accents) et des chiffres.")]
    [InlineData("", "Saisissez un nom d'utilisateur.")]
    public async Task Each_broken_username_rule_is_named(string username, string message)
    {
        var (_, email) = ServerFixture.NewPerson();
        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/creer-compte", Journeys.Registration(username, email), from: "/creer-compte");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Court-92", "Le mot de passe doit compter au moins 10 caractères.")]
    [InlineData("Tuliiipe-Verte-92", "Le mot de passe contient une répétition (3 caractères identiques de suite).")]
    [InlineData("Tulipe-abcd-Verte", "Le mot de passe contient une séquence (4 lettres, chiffres ou touches qui se suivent).")]
    [InlineData("Tulipe-9876-Verte", "Le mot de passe contient une séquence (4 lettres, chiffres ou touches qui se suivent).")]
    [InlineData("Tulipe-qwer-Verte", "Le mot de passe contient une séquence (4 lettres, chiffres ou touches qui se suivent).")]
    [InlineData("nom.prenom@courriel.ca", "Le mot de passe ne doit pas être une adresse courriel.")]
    [InlineData("Manchester", "Ce mot de passe est trop courant : il figure dans les listes utilisées par les fraudeurs.")]
    public async Task Each_broken_password_rule_is_named(string password, string message)
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/creer-compte", Journeys.Registration(username, email, password), from: "/creer-compte");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_containing_the_username_is_refused()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/creer-compte", Journeys.Registration(username, email, $"X-{username.ToUpperInvariant()}-9"), from: "/creer-compte");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Le mot de passe ne doit pas contenir votre nom d'utilisateur.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mismatched_confirmation_and_unaccepted_terms_are_named()
    {
        var (username, email) = ServerFixture.NewPerson();
        var form = Journeys.Registration(username, email);
        form["Input.ConfirmPassword"] = "Tulipe-Verte-Hiver-93";
        form.Remove("Input.AcceptTerms");
        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/creer-compte", form, from: "/creer-compte");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("La confirmation ne correspond pas au mot de passe.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Vous devez accepter les conditions d'utilisation pour créer un compte.", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == username.ToUpperInvariant())));
    }

    [Fact]
    public async Task Usernames_and_emails_are_unique_without_regard_to_case()
    {
        var (username, email) = ServerFixture.NewPerson();
        using (await Journeys.RegisterAsync(server, username, email))
        {
        }

        using var browser = server.NewBrowser();
        var page = await browser.PostAsync("/creer-compte", Journeys.Registration(username.ToUpperInvariant(), email.ToUpperInvariant()), from: "/creer-compte");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Ce nom d'utilisateur est déjà utilisé.", page.Text, StringComparison.Ordinal);

        var other = ServerFixture.NewPerson().Username;
        page = await browser.PostAsync("/creer-compte", Journeys.Registration(other, email.ToUpperInvariant()), from: "/creer-compte");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Cette adresse courriel est déjà associée à un compte.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_stored_as_PBKDF2_HMAC_SHA512_with_at_least_210000_iterations()
    {
        var (username, email) = ServerFixture.NewPerson();
        using (await Journeys.RegisterAsync(server, username, email))
        {
        }

        var stored = await server.WithDatabaseAsync(db => db.Users.Where(u => u.NormalizedUserName == username.ToUpperInvariant()).Select(u => u.PasswordHash).SingleAsync());
        var bytes = Convert.FromBase64String(stored!);

        // ASP.NET Core Identity's V3 format: 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, salt, subkey.
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)) >= 210_000);
        Assert.DoesNotContain(ServerFixture.GoodPassword, stored!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_code_arrives_by_mail_and_confirming_signs_the_person_in()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        var mail = (await server.Mail.WaitForAsync(email)).Single();
        Assert.Contains("code de sécurité", mail.Text, StringComparison.Ordinal);

        var page = await browser.GetAsync("/creer-compte/confirmer");
        Assert.Contains("Code envoyé à l'adresse courriel suivante", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page.Html, StringComparison.Ordinal);

        var confirmed = await browser.PostAsync("/creer-compte/confirmer", new Dictionary<string, string> { ["Input.Code"] = Sesame.Testing.MailServer.CodeIn(mail) });
        Assert.Equal("/creer-compte/termine", confirmed.Target);
        var done = await browser.GetAsync("/creer-compte/termine");
        Assert.Contains("Votre compte a été créé avec succès.", done.Text, StringComparison.Ordinal);
        Assert.True(await server.WithDatabaseAsync(db => db.Users.Where(u => u.NormalizedUserName == username.ToUpperInvariant()).Select(u => u.EmailConfirmed).SingleAsync()));
    }
}
