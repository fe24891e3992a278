/** Run colours, in order; calm and distinguishable. */
export const RUN_COLORS = ['#4f46e5', '#e11d48', '#059669', '#d97706', '#0891b2', '#7c3aed', '#64748b', '#db2777'];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length];
