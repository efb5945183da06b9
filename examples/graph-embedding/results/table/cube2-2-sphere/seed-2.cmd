java -jar /work/frozen/geo-0fe9019.jar embed grid:3\,3\,3 --space sphere --dim 2 --epochs 3000 --batch 64 --patience 200 --loss stress --scale --scale-mode learned --seed 2 --threads 1 --json 
