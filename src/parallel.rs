//! Work spread over the machine's cores, for the few places where one start-up step handles every
//! journal entry on its own (checking, decrypting, reading). Results keep the input's order.

/// Fewer items than this are handled on the calling thread: a thread costs more than they do.
const MIN_ITEMS: usize = 256;
/// More threads than this do not help: the steps are bounded by memory bandwidth by then.
const MAX_THREADS: usize = 8;

thread_local! {
    static ALONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes every [`map`] on the calling thread run on that thread only: for work in the background,
/// which should leave the other cores to what the user waits for.
pub(crate) fn stay_on_this_thread() {
    ALONE.with(|alone| alone.set(true));
}

/// `items.iter().map(f).collect()`, with the items split into one contiguous run per core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_from(MIN_ITEMS, items, f)
}

/// [`map`] for items that each take long (a part of a file, a batch of records): spread from two
/// items on.
pub(crate) fn map_heavy<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_from(2, items, f)
}

fn map_from<T: Sync, R: Send>(min_items: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_THREADS);
    if threads < 2 || items.len() < min_items || ALONE.with(std::cell::Cell::get) {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|run| scope.spawn(move || run.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for run in runs {
            match run.join() {
                Ok(results) => out.extend(results),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_and_every_item() {
        for n in [0, 1, 255, 256, 257, 1000, 4099] {
            let items: Vec<usize> = (0..n).collect();
            let expected = items.iter().map(|i| i * 3).collect::<Vec<_>>();
            assert_eq!(super::map(&items, |i| i * 3), expected);
            assert_eq!(super::map_heavy(&items, |i| i * 3), expected);
        }
    }

    #[test]
    fn a_thread_that_stays_alone_maps_on_itself() {
        let caller = std::thread::current().id();
        let items: Vec<usize> = (0..1000).collect();
        let spread = super::map(&items, |_| std::thread::current().id() == caller);
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        if cores > 1 {
            assert!(
                spread.iter().all(|&here| !here),
                "spread over scoped threads"
            );
        }
        let alone = std::thread::spawn(move || {
            super::stay_on_this_thread();
            let me = std::thread::current().id();
            super::map(&items, |_| std::thread::current().id() == me)
        })
        .join()
        .expect("thread");
        assert!(alone.iter().all(|&here| here), "all on the calling thread");
    }
}
