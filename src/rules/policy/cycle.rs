//! Dependency cycles between a pack's questions (a question asked when another is answered a
//! certain way): found in time linear in the questions and their dependencies, however many paths
//! run through them.

/// The first question (in the pack's order) that lies on a dependency cycle, with that cycle as
/// the positions of its questions, that question first and last; `None` when there is none.
/// `deps[q]` are the questions question `q` depends on. The strongly connected components
/// (Tarjan) say which questions lie on a cycle; one search from the first of them finds its path.
pub(super) fn first_cycle(deps: &[Vec<usize>]) -> Option<(usize, Vec<usize>)> {
    let on_a_cycle = on_a_cycle(deps);
    let first = on_a_cycle.iter().position(|&on| on)?;
    Some((first, cycle_from(first, deps)?))
}

/// Which questions lie on a cycle: those in a strongly connected component of more than one, or
/// depending on themselves. Recursive to the depth of the longest chain of dependencies, which
/// the pack's list limit ([`MAX_PACK_LIST`](crate::limits::MAX_PACK_LIST)) bounds.
fn on_a_cycle(deps: &[Vec<usize>]) -> Vec<bool> {
    struct Tarjan<'a> {
        deps: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        next: usize,
        cyclic: Vec<bool>,
    }
    fn visit(t: &mut Tarjan<'_>, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on_stack[v] = true;
        let deps = t.deps;
        for &w in &deps[v] {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(at) if t.on_stack[w] => t.low[v] = t.low[v].min(at),
                Some(_) => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let from = t.stack.iter().rposition(|&q| q == v).expect("on the stack");
            let component = t.stack.split_off(from);
            let cyclic = component.len() > 1 || deps[v].contains(&v);
            for q in component {
                t.on_stack[q] = false;
                t.cyclic[q] = cyclic;
            }
        }
    }
    let n = deps.len();
    let mut t = Tarjan {
        deps,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        next: 0,
        cyclic: vec![false; n],
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.cyclic
}

/// A dependency cycle through question `start`, as the positions of the questions on it (`start`
/// first and last). Depth-first in the order the conditions name them, visiting each question at
/// most once: one that was left without finding `start` cannot lead to it later either.
fn cycle_from(start: usize, deps: &[Vec<usize>]) -> Option<Vec<usize>> {
    let mut seen = vec![false; deps.len()];
    seen[start] = true;
    let mut path = vec![start];
    let mut stack = vec![deps[start].iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(&next) if next == start => {
                path.push(next);
                return Some(path);
            }
            Some(&next) if !seen[next] => {
                seen[next] = true;
                stack.push(deps[next].iter());
                path.push(next);
            }
            Some(_) => {}
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_question_on_a_cycle_and_its_path() {
        // 0 → 1 → 2 → 1, 3 → 3: 1 is the first on a cycle (0 only leads into one).
        let deps = vec![vec![1], vec![2], vec![1], vec![3], vec![]];
        assert_eq!(first_cycle(&deps), Some((1, vec![1, 2, 1])));
        assert_eq!(first_cycle(&[vec![], vec![1]]), Some((1, vec![1, 1])));
        assert_eq!(first_cycle(&[vec![1, 2], vec![2], vec![]]), None);
        assert_eq!(first_cycle(&[]), None);
    }
}
