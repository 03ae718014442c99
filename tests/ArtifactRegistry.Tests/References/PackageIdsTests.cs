using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class PackageIdsTests
{
    [TestCase("app", "app")]
    [TestCase("team/app", "team%2Fapp")]
    [TestCase("a/b/c", "a%2Fb%2Fc")]
    [TestCase("lib+extra", "lib%2Bextra")]
    [TestCase("v^2", "v%5E2")]
    public void A_package_path_escapes_into_its_resource_name_form_and_back(string path, string escaped)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PackageIds.Escape(path), Is.EqualTo(escaped));
            Assert.That(PackageIds.Unescape(escaped), Is.EqualTo(path));
        });
    }

    [Test]
    public void The_url_path_form_escapes_the_percent_of_the_resource_name_form_once_more()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PackageIds.ForUrlPath("team%2Fapp"), Is.EqualTo("team%252Fapp"));
            Assert.That(PackageIds.ForUrlPath("app"), Is.EqualTo("app"));
        });
    }

    [Test]
    public void Lowercase_escapes_are_understood()
    {
        Assert.That(PackageIds.Unescape("team%2fapp"), Is.EqualTo("team/app"));
    }

    [TestCase("team%20app", "contains '%20'; only %2F ('/'), %2B ('+') and %5E ('^') are escapes")]
    [TestCase("team%252Fapp", "is escaped twice")]
    [TestCase("team/app", "must escape '/' as %2F: team%2Fapp")]
    [TestCase("team%2", "contains '%2'")]
    public void An_id_that_is_not_in_resource_name_form_is_refused_with_the_reason(string packageId, string phrase)
    {
        var exception = Assert.Throws<FormatException>(() => PackageIds.Unescape(packageId));

        Assert.That(exception!.Message, Does.Contain(phrase));
    }
}
