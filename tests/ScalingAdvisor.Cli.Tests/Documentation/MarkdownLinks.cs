using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalingAdvisor.Cli.Tests.Documentation;

/// <summary>
/// The relative links of a Markdown file that lead nowhere: a target file or folder that does not exist, lies outside
/// the repository (someone with only the repository cannot follow it), or an <c>#anchor</c> that names no heading of
/// the target Markdown file (GitHub's heading ids). Links in fenced code blocks and code spans are not links.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>Every Markdown file of the repository, build output and VCS folders excluded.</summary>
    public static IEnumerable<string> FilesUnder(string root)
        => Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git" or "artifacts" or "node_modules"))
            .Order(StringComparer.Ordinal);

    /// <summary>The repository root: the folder holding ScalingAdvisor.sln, above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ScalingAdvisor.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ScalingAdvisor.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The broken relative links of <paramref name="file"/> (text <paramref name="markdown"/>), as "file: link (why)".</summary>
    public static IEnumerable<string> Broken(string root, string file, string markdown)
    {
        string relativeFile = Path.GetRelativePath(root, file);
        foreach (string target in Targets(markdown))
        {
            if (target.Length == 0 || IsExternal(target))
            {
                continue;
            }

            int hash = target.IndexOf('#', StringComparison.Ordinal);
            string pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            string? anchor = hash < 0 ? null : target[(hash + 1)..];
            string resolved = pathPart.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, pathPart));

            if (!IsUnder(root, resolved))
            {
                yield return $"{relativeFile}: {target} (outside the repository)";
            }
            else if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return $"{relativeFile}: {target} (no such file)";
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(resolved)
                && !HeadingIds(File.ReadAllText(resolved)).Contains(anchor))
            {
                yield return $"{relativeFile}: {target} (no heading #{anchor} in {Path.GetRelativePath(root, resolved)})";
            }
        }
    }

    /// <summary>The targets of the inline links and images of a Markdown text, outside code.</summary>
    public static IEnumerable<string> Targets(string markdown)
    {
        foreach (string line in ProseLines(markdown))
        {
            string prose = CodeSpan().Replace(line, "");
            foreach (Match link in InlineLink().Matches(prose))
            {
                yield return link.Groups["target"].Value;
            }
        }
    }

    /// <summary>
    /// The ids GitHub gives a Markdown file's headings: lower case, every character but letters, digits, spaces, hyphens
    /// and underscores dropped, spaces turned into hyphens, and a repeated id suffixed -1, -2, ….
    /// </summary>
    public static HashSet<string> HeadingIds(string markdown)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in ProseLines(markdown))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            string text = InlineLink().Replace(heading.Groups["text"].Value, link => link.Groups["text"].Value);
            var id = new StringBuilder();
            foreach (char c in text.Trim().ToLower(CultureInfo.InvariantCulture))
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    id.Append(c);
                }
                else if (c == ' ')
                {
                    id.Append('-');
                }
            }

            string slug = id.ToString();
            int count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            ids.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return ids;
    }

    private static IEnumerable<string> ProseLines(string markdown)
    {
        bool inFence = false;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                yield return line.TrimEnd('\r');
            }
        }
    }

    private static bool IsExternal(string target)
        => target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnder(string root, string path)
    {
        string relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]*)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"(`+)[^`].*?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
