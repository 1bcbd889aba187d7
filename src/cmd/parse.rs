//! `trienkhai parse`: read documents and print what vanban understood.

use std::path::PathBuf;

/// Arguments of `trienkhai parse`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object per file per line.
    #[arg(long)]
    json: bool,
    /// Files or directories to parse.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    for path in &args.paths {
        let text = std::fs::read_to_string(path)?;
        let parsed = vanban::parse(&text);
        let mut value = serde_json::to_value(&parsed.document)?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert("source".into(), path.display().to_string().into());
        }
        if args.json {
            println!("{value}");
        } else {
            println!(
                "{}: {}",
                path.display(),
                serde_json::to_string_pretty(&value)?
            );
        }
    }
    Ok(())
}
