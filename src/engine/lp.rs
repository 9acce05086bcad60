//! A small dense linear-programme solver (two-phase simplex, Bland's rule),
//! enough for the target planner: a few dozen variables and constraints.
//!
//! Problem: minimise `c·y` subject to `rows`, `y ≥ 0`, where each row is
//! `a·y ≤ b` or `a·y ≥ b`.

/// A constraint row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub a: Vec<f64>,
    pub at_least: bool,
    pub b: f64,
}

impl Row {
    pub fn at_most(a: Vec<f64>, b: f64) -> Row {
        Row { a, at_least: false, b }
    }
    pub fn at_least(a: Vec<f64>, b: f64) -> Row {
        Row { a, at_least: true, b }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The optimal point and the objective's value there.
    Optimal {
        y: Vec<f64>,
        value: f64,
    },
    Infeasible,
    Unbounded,
}

const EPS: f64 = 1e-9;
const MAX_PIVOTS: usize = 5_000;

struct Tableau {
    /// m rows of `width` coefficients, the last being the right-hand side.
    t: Vec<Vec<f64>>,
    /// The basic variable of each row.
    basis: Vec<usize>,
    width: usize,
}

impl Tableau {
    fn rhs(&self, r: usize) -> f64 {
        self.t[r][self.width - 1]
    }

    fn pivot(&mut self, row: usize, col: usize) {
        let p = self.t[row][col];
        for v in self.t[row].iter_mut() {
            *v /= p;
        }
        let pivot_row = self.t[row].clone();
        for (r, line) in self.t.iter_mut().enumerate() {
            if r == row {
                continue;
            }
            let f = line[col];
            if f.abs() > 0.0 {
                for (v, pv) in line.iter_mut().zip(&pivot_row) {
                    *v -= f * pv;
                }
            }
        }
        self.basis[row] = col;
    }

    /// Minimises `cost·y` over the columns `allowed`; `Err(())` if unbounded.
    fn minimise(&mut self, cost: &[f64], allowed: &dyn Fn(usize) -> bool) -> Result<(), ()> {
        for _ in 0..MAX_PIVOTS {
            // Reduced costs: cost_j − Σ_r cost_basis(r) · t[r][j].
            let mut entering = None;
            for j in 0..self.width - 1 {
                if !allowed(j) || self.basis.contains(&j) {
                    continue;
                }
                let mut reduced = cost[j];
                for (r, &bv) in self.basis.iter().enumerate() {
                    reduced -= cost[bv] * self.t[r][j];
                }
                if reduced < -EPS {
                    entering = Some(j); // Bland: the lowest index
                    break;
                }
            }
            let Some(col) = entering else { return Ok(()) };
            // Ratio test; ties broken by the lowest basic variable (Bland).
            let mut leave: Option<(usize, f64)> = None;
            for r in 0..self.t.len() {
                let a = self.t[r][col];
                if a > EPS {
                    let ratio = self.rhs(r) / a;
                    match leave {
                        Some((lr, best))
                            if ratio > best + EPS || (ratio > best - EPS && self.basis[r] > self.basis[lr]) => {}
                        _ => leave = Some((r, ratio)),
                    }
                }
            }
            let Some((row, _)) = leave else { return Err(()) };
            self.pivot(row, col);
        }
        // Bland's rule cannot cycle; this only guards against numerical trouble.
        Ok(())
    }
}

/// Solves the programme: minimise `cost·y` subject to `rows`, `y ≥ 0`.
pub fn minimise(cost: &[f64], rows: &[Row]) -> Outcome {
    let n = cost.len();
    let m = rows.len();
    // Normalise to non-negative right-hand sides.
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            if r.b < 0.0 {
                Row { a: r.a.iter().map(|v| -v).collect(), at_least: !r.at_least, b: -r.b }
            } else {
                r.clone()
            }
        })
        .collect();
    let artificials: Vec<usize> = (0..m).filter(|&i| rows[i].at_least).collect();
    // Columns: originals, one slack (≤) or surplus (≥) per row, artificials, rhs.
    let slack0 = n;
    let art0 = n + m;
    let width = n + m + artificials.len() + 1;
    let mut t = vec![vec![0.0; width]; m];
    let mut basis = vec![0; m];
    for (i, r) in rows.iter().enumerate() {
        for (j, &v) in r.a.iter().enumerate().take(n) {
            t[i][j] = v;
        }
        t[i][width - 1] = r.b;
        if r.at_least {
            t[i][slack0 + i] = -1.0;
            let k = artificials.iter().position(|&x| x == i).unwrap_or(0);
            t[i][art0 + k] = 1.0;
            basis[i] = art0 + k;
        } else {
            t[i][slack0 + i] = 1.0;
            basis[i] = slack0 + i;
        }
    }
    let mut tab = Tableau { t, basis, width };
    // Phase 1: drive the artificials to zero.
    if !artificials.is_empty() {
        let mut c1 = vec![0.0; width - 1];
        for k in 0..artificials.len() {
            c1[art0 + k] = 1.0;
        }
        if tab.minimise(&c1, &|_| true).is_err() {
            return Outcome::Infeasible;
        }
        let infeasibility: f64 =
            tab.basis.iter().enumerate().filter(|(_, &b)| b >= art0).map(|(r, _)| tab.rhs(r)).sum();
        if infeasibility > 1e-7 {
            return Outcome::Infeasible;
        }
        // Pivot remaining (zero-valued) artificials out of the basis.
        for r in 0..m {
            if tab.basis[r] >= art0 {
                if let Some(col) = (0..art0).find(|&j| tab.t[r][j].abs() > EPS) {
                    tab.pivot(r, col);
                }
            }
        }
    }
    // Phase 2: the real objective, artificials excluded.
    let mut c2 = vec![0.0; width - 1];
    c2[..n].copy_from_slice(cost);
    if tab.minimise(&c2, &|j| j < art0).is_err() {
        return Outcome::Unbounded;
    }
    let mut y = vec![0.0; n];
    for (r, &b) in tab.basis.iter().enumerate() {
        if b < n {
            y[b] = tab.rhs(r).max(0.0);
        }
    }
    let value = y.iter().zip(cost).map(|(a, b)| a * b).sum();
    Outcome::Optimal { y, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn optimal(o: Outcome) -> (Vec<f64>, f64) {
        match o {
            Outcome::Optimal { y, value } => (y, value),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_textbook_programme() {
        // min −3x − 5y  s.t.  x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18  → x = 2, y = 6, value −36
        let (y, v) = optimal(minimise(
            &[-3.0, -5.0],
            &[
                Row::at_most(vec![1.0, 0.0], 4.0),
                Row::at_most(vec![0.0, 2.0], 12.0),
                Row::at_most(vec![3.0, 2.0], 18.0),
            ],
        ));
        assert!((y[0] - 2.0).abs() < 1e-9 && (y[1] - 6.0).abs() < 1e-9);
        assert!((v + 36.0).abs() < 1e-9);
    }

    #[test]
    fn at_least_rows_need_phase_one() {
        // min 2x + 3y  s.t.  x + y ≥ 4, x ≤ 3  → x = 3, y = 1, value 9
        let (y, v) =
            optimal(minimise(&[2.0, 3.0], &[Row::at_least(vec![1.0, 1.0], 4.0), Row::at_most(vec![1.0, 0.0], 3.0)]));
        assert!((y[0] - 3.0).abs() < 1e-9 && (y[1] - 1.0).abs() < 1e-9, "{y:?}");
        assert!((v - 9.0).abs() < 1e-9);
    }

    #[test]
    fn infeasible_and_unbounded() {
        assert_eq!(
            minimise(&[1.0], &[Row::at_least(vec![1.0], 5.0), Row::at_most(vec![1.0], 3.0)]),
            Outcome::Infeasible
        );
        assert_eq!(minimise(&[-1.0], &[Row::at_least(vec![1.0], 1.0)]), Outcome::Unbounded);
    }

    #[test]
    fn negative_right_hand_sides_flip() {
        // −x ≤ −2 is x ≥ 2.
        let (y, _) = optimal(minimise(&[1.0], &[Row::at_most(vec![-1.0], -2.0)]));
        assert!((y[0] - 2.0).abs() < 1e-9);
    }
}
