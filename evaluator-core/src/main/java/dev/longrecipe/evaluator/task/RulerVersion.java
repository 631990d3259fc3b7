package dev.longrecipe.evaluator.task;

/** Which RULER the task wording and scoring follow, for results.json. */
public final class RulerVersion {
    /**
     * NVIDIA/RULER's synthetic tasks as of its mid-2024 main (templates, answer prefixes and budgets of
     * {@code scripts/data/synthetic/constants.py}, task arguments of {@code scripts/synthetic.yaml}, scoring of
     * {@code scripts/eval/synthetic/constants.py} and {@code evaluate.py}); read from mirrors of that tree
     * (hsiehjackson/RULER@6216ac9, kcirred/RULER@f9bd90e). docs/RULER.md lists every rule and deviation.
     */
    public static final String WORDING = "NVIDIA/RULER@main-2024-08 (mirrors hsiehjackson/RULER@6216ac9,"
            + " kcirred/RULER@f9bd90e)";

    private RulerVersion() {
    }
}
