import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../bills/money';
import { chartUnits, type AmountRow, type ForecastRow } from './home-figures.util';

const HEIGHT = 220;

/**
 * Bars of amounts. The bar heights are whole major units (chartUnits); every label and tooltip
 * is the exact amount, formatted from minor units.
 */
export const AmountBarChart = ({ rows, currency }: { rows: AmountRow[]; currency: string }) => {
  const data = rows.map((row) => ({ label: row.label, value: chartUnits(row.amountMinor, currency), exact: formatMoney(row.amountMinor, currency) }));
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
        <YAxis tick={{ fontSize: 11 }} width={56} />
        <Tooltip formatter={(_value, _name, item) => [(item.payload as { exact: string }).exact, 'amount']} />
        <Bar dataKey="value" fill="#1976d2" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
};

/** Expected inflows (receivables held) and outflows (payables) per due month. */
export const ForecastChart = ({ rows, currency }: { rows: ForecastRow[]; currency: string }) => {
  const data = rows.map((row) => ({
    month: row.month,
    in: chartUnits(row.inMinor, currency),
    out: chartUnits(row.outMinor, currency),
    inExact: formatMoney(row.inMinor, currency),
    outExact: formatMoney(row.outMinor, currency),
  }));
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} />
        <YAxis tick={{ fontSize: 11 }} width={56} />
        <Tooltip
          formatter={(_value, name, item) => {
            const payload = item.payload as { inExact: string; outExact: string };
            return [name === 'in' ? payload.inExact : payload.outExact, name === 'in' ? 'receive' : 'pay'];
          }}
        />
        <Legend formatter={(name) => (name === 'in' ? 'receive' : 'pay')} />
        <Bar dataKey="in" fill="#2e7d32" isAnimationActive={false} />
        <Bar dataKey="out" fill="#c62828" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
};
