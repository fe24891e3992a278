/** Run colours, in order; calm and distinguishable. */
export const RUN_COLORS = ['#4f46e5', '#e11d48', '#059669', '#d97706', '#0891b2', '#7c3aed', '#64748b', '#db2777'];
/** A run's colour, by its id, so it is the same in every chart and list. */
export const runColor = (id: number) => RUN_COLORS[(id - 1) % RUN_COLORS.length];
