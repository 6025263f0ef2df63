//! `khabar analyze [--json] [--slug] TEXT…`: what search sees of a text.

pub fn run(text: &str, json: bool, with_slug: bool) -> anyhow::Result<()> {
    let analysis = khabar_arabic::analyze(text, with_slug);
    if json {
        println!("{}", serde_json::to_string(&analysis)?);
        return Ok(());
    }
    println!(
        "{:<20} {:<20} {:<20} {:>6} {:>6}",
        "text", "normalized", "stem", "start", "end"
    );
    for t in &analysis.tokens {
        println!(
            "{:<20} {:<20} {:<20} {:>6} {:>6}",
            t.text, t.normalized, t.stem, t.start, t.end
        );
    }
    if let Some(slug) = &analysis.slug {
        println!("slug: {slug}");
    }
    Ok(())
}
