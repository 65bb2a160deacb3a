namespace ScalingAdvisor.Cli.Tests.Documentation;

/// <summary>
/// Issue 15: the documentation lives in the repository, so every relative link in its Markdown resolves for someone who
/// has only the repository, and nothing points at the design folders outside it any more.
/// </summary>
public class DocumentationLinkTests
{
    [Fact]
    public void Every_relative_link_in_the_repositorys_markdown_resolves_to_a_file_and_heading_inside_it()
    {
        string root = MarkdownLinks.RepositoryRoot();
        var files = MarkdownLinks.FilesUnder(root).ToList();
        files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Should().Contain(["README.md", "docs/CLI.md", "docs/FORMULAS.md", "docs/EXTENDING.md", "docs/HARDWARE-FILE.md"]);

        var broken = files.SelectMany(file => MarkdownLinks.Broken(root, file, File.ReadAllText(file))).ToList();

        broken.Should().BeEmpty();
    }

    [Fact]
    public void The_readme_links_every_document()
    {
        string root = MarkdownLinks.RepositoryRoot();
        var targets = MarkdownLinks.Targets(File.ReadAllText(Path.Combine(root, "README.md")));

        targets.Should().Contain(["docs/CLI.md", "docs/FORMULAS.md", "docs/EXTENDING.md", "docs/HARDWARE-FILE.md", "benchmarks/README.md"]);
    }

    [Fact]
    public void No_source_or_document_refers_to_the_design_folders_outside_the_repository()
    {
        string root = MarkdownLinks.RepositoryRoot();
        string[] outside = ["shared/design/", "shared/reference/"];
        var offenders = new[] { "*.md", "*.cs", "*.csproj", "*.props" }
            .SelectMany(pattern => Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git"))
            .Where(f => !f.EndsWith(nameof(DocumentationLinkTests) + ".cs", StringComparison.Ordinal))
            .Where(f => outside.Any(File.ReadAllText(f).Contains))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        offenders.Should().BeEmpty("the CLI contract and the formula sheet are docs/CLI.md and docs/FORMULAS.md");
    }

    [Fact]
    public void A_missing_file_a_link_out_of_the_repository_and_an_unknown_heading_are_reported()
    {
        string root = MarkdownLinks.RepositoryRoot();
        string file = Path.Combine(root, "docs", "EXTENDING.md");
        string markdown = string.Join('\n',
            "See [the contract](CLI.md#exit-codes-and-errors), [the sheet](FORMULAS.md) and [the site](https://example.org/x.md).",
            "Broken: [gone](NOPE.md), [outside](../../shared/design/CLI.md), [bad anchor](CLI.md#no-such-heading).",
            "`[in code](missing.md)`",
            "```",
            "[in a fence](missing.md)",
            "```");

        var broken = MarkdownLinks.Broken(root, file, markdown).ToList();

        broken.Should().HaveCount(3);
        broken[0].Should().Contain("NOPE.md").And.Contain("no such file");
        broken[1].Should().Contain("outside the repository");
        broken[2].Should().Contain("no heading #no-such-heading");
    }

    [Fact]
    public void Heading_ids_follow_githubs_rule()
    {
        var ids = MarkdownLinks.HeadingIds("# The `advise` command\n## 9. Attention types — planned\n## Files\n## Files\n```\n# not a heading\n```");

        ids.Should().BeEquivalentTo(["the-advise-command", "9-attention-types--planned", "files", "files-1"]);
    }
}
