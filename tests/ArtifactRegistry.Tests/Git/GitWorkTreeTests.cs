using ArtifactRegistry.Git;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Git;

public sealed class GitWorkTreeTests
{
    [Test]
    public async Task I_can_read_the_commit_its_short_id_and_its_date_from_a_clean_work_tree()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile("app.txt", "v1");
        await repository.CommitAllAsync("first", DateTimeOffset.Parse("2026-03-04T05:06:07+02:00"));
        var sha = await repository.GitAsync("rev-parse", "HEAD");
        var shortSha = await repository.GitAsync("rev-parse", "--short", "HEAD");

        var state = await new GitWorkTree().ReadAsync(repository.Path);

        Assert.Multiple(() =>
        {
            Assert.That(state.CommitSha, Is.EqualTo(sha));
            Assert.That(state.ShortSha, Is.EqualTo(shortSha));
            Assert.That(state.CommitTime, Is.EqualTo(DateTimeOffset.Parse("2026-03-04T05:06:07+02:00")));
            Assert.That(state.IsDirty, Is.False);
            Assert.That(state.CommitTag, Is.EqualTo(shortSha));
            Assert.That(state.TagsOnHead, Is.Empty);
            Assert.That(state.RemoteUrl, Is.Null);
        });
    }

    [Test]
    public async Task A_changed_tracked_file_makes_the_commit_tag_end_in_dirty()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile("app.txt", "v1");
        await repository.CommitAllAsync("first");
        repository.WriteFile("app.txt", "v2");

        var state = await new GitWorkTree().ReadAsync(repository.Path);

        Assert.That(state.IsDirty, Is.True);
        Assert.That(state.CommitTag, Is.EqualTo(state.ShortSha + "-dirty"));
    }

    [Test]
    public async Task An_untracked_file_makes_the_work_tree_dirty_but_an_ignored_one_does_not()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile(".gitignore", "*.log\n");
        await repository.CommitAllAsync("first");
        repository.WriteFile("build.log", "noise");

        var withIgnored = await new GitWorkTree().ReadAsync(repository.Path);
        repository.WriteFile("new.txt", "source");
        var withUntracked = await new GitWorkTree().ReadAsync(repository.Path);

        Assert.That(withIgnored.IsDirty, Is.False);
        Assert.That(withUntracked.IsDirty, Is.True);
    }

    [Test]
    public async Task The_tags_on_HEAD_are_read_and_tags_on_older_commits_are_not()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile("app.txt", "v1");
        await repository.CommitAllAsync("first");
        await repository.GitAsync("tag", "v0.9");
        repository.WriteFile("app.txt", "v2");
        await repository.CommitAllAsync("second");
        await repository.GitAsync("tag", "v1.0.0");
        await repository.GitAsync("tag", "-a", "release-1", "-m", "annotated");

        var state = await new GitWorkTree().ReadAsync(repository.Path);

        Assert.That(state.TagsOnHead, Is.EquivalentTo(new[] { "v1.0.0", "release-1" }));
    }

    [Test]
    public async Task A_subfolder_of_the_work_tree_reads_the_same_commit()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile("src/app/Dockerfile", "FROM scratch\n");
        await repository.CommitAllAsync("first");

        var state = await new GitWorkTree().ReadAsync(Path.Combine(repository.Path, "src", "app"));

        Assert.That(state.CommitSha, Is.EqualTo(await repository.GitAsync("rev-parse", "HEAD")));
    }

    [Test]
    public async Task The_origin_url_is_read_without_the_token_a_CI_clone_put_in_it()
    {
        using var repository = await ScratchGitRepository.InitAsync();
        repository.WriteFile("app.txt", "v1");
        await repository.CommitAllAsync("first");
        await repository.GitAsync("remote", "add", "origin", "https://x-access-token:ghs_secret123@github.com/acme/shop.git");

        var state = await new GitWorkTree().ReadAsync(repository.Path);

        Assert.That(state.RemoteUrl, Is.EqualTo("https://github.com/acme/shop.git"));
    }

    [Test]
    public async Task A_folder_outside_any_repository_fails_with_a_message_that_says_to_give_tags_explicitly()
    {
        using var folder = TempDirectory.Create("ard-nogit-", "/tmp");

        var exception = await Assert.ThrowsAsync<GitUnavailableException>(() => new GitWorkTree().ReadAsync(folder.Path));

        Assert.That(exception!.Message, Does.Contain("is not inside a git repository"));
        Assert.That(exception.Message, Does.Contain("SetTags"));
        Assert.That(exception.Directory, Is.EqualTo(folder.Path));
    }

    [Test]
    public async Task A_repository_without_a_commit_fails_with_a_message_that_says_to_commit_first()
    {
        using var repository = await ScratchGitRepository.InitAsync();

        var exception = await Assert.ThrowsAsync<GitUnavailableException>(() => new GitWorkTree().ReadAsync(repository.Path));

        Assert.That(exception!.Message, Does.Contain("has no commit yet"));
        Assert.That(exception.Message, Does.Contain("`git commit`"));
    }

    [TestCase("https://user:pa55@github.com/acme/shop.git", "https://github.com/acme/shop.git")]
    [TestCase("https://oauth2:tok@gitlab.example.com:8443/group/sub/repo", "https://gitlab.example.com:8443/group/sub/repo")]
    [TestCase("https://github.com/acme/shop.git", "https://github.com/acme/shop.git")]
    [TestCase("git@github.com:acme/shop.git", "git@github.com:acme/shop.git")]
    [TestCase("ssh://git@github.com/acme/shop.git", "ssh://github.com/acme/shop.git")]
    public void A_remote_url_loses_its_credentials_and_keeps_the_rest(string url, string expected) =>
        Assert.That(GitRemoteUrl.WithoutCredentials(url), Is.EqualTo(expected));
}
